/** A QR code of a survey link, as inline SVG for the printable handout (qrcode, decision 0021). */
import QRCode from "qrcode";

/** The SVG markup of the QR code; the caller puts it in a figure with the link written out beside it. */
export function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
}
