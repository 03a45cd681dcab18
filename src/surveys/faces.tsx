/**
 * Sofia's own four faces for the faces4 scale, from sad (1) to very happy (4): simple round faces
 * with a dark outline on a warm yellow, drawn for Sofia (not a copy of any pain or mood scale).
 * Decorative only: the option's text label carries the meaning, so each face is aria-hidden.
 */

import type { VNode } from "preact";

const INK = "#1f1f1f";
const SKIN = "#ffd966";
const CHEEK = "#f29c9c";

const line = { fill: "none", stroke: INK, "stroke-width": 5, "stroke-linecap": "round", "stroke-linejoin": "round" } as const;

function Eyes() {
  return (
    <>
      <circle cx="36" cy="42" r="6" fill={INK} />
      <circle cx="64" cy="42" r="6" fill={INK} />
    </>
  );
}

/** The features of each face: 1 sad, 2 unsure, 3 glad, 4 very glad. */
const features: Record<number, () => VNode> = {
  1: () => (
    <>
      <path d="M25 32 L41 27" {...line} />
      <path d="M75 32 L59 27" {...line} />
      <Eyes />
      <path d="M32 75 Q50 58 68 75" {...line} />
    </>
  ),
  2: () => (
    <>
      <Eyes />
      <path d="M33 70 Q41 64 50 69 T67 67" {...line} />
    </>
  ),
  3: () => (
    <>
      <Eyes />
      <path d="M31 62 Q50 80 69 62" {...line} />
    </>
  ),
  4: () => (
    <>
      <path d="M28 44 Q36 34 44 44" {...line} />
      <path d="M56 44 Q64 34 72 44" {...line} />
      <circle cx="24" cy="60" r="7" fill={CHEEK} />
      <circle cx="76" cy="60" r="7" fill={CHEEK} />
      <path d="M29 58 Q50 92 71 58 Z" fill={INK} stroke={INK} stroke-width="4" stroke-linejoin="round" />
      <path d="M41 71 Q50 64 59 71 Q50 77 41 71 Z" fill={CHEEK} />
    </>
  ),
};

/** One face of the scale (value 1–4); nothing for any other value. */
export function Face({ value, class: className }: { value: number; class?: string }) {
  const draw = features[value];
  if (!draw) return null;
  return (
    <svg class={className ?? "sofia-face"} viewBox="0 0 100 100" aria-hidden="true" focusable="false">
      <circle cx="50" cy="50" r="44" fill={SKIN} stroke={INK} stroke-width="5" />
      {draw()}
    </svg>
  );
}
