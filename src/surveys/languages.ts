/**
 * The family's languages on the respondents' screens (decision 0042): which languages there are,
 * how each is named in itself, which are written right to left, which voice reads it aloud, and
 * the words around the instrument's own texts (buttons, headings, "Tack") in each language. These
 * words are data here, not in the sv/en catalogs: the staff's pages stay Swedish and English, and
 * only the respondents' screens speak the family's language. The instrument's texts themselves are
 * in the instrument version (model.ts).
 */
import { type FamilyLanguage, familyLanguages } from "../families/index.ts";
import { type Locale, messages, type Translate } from "../platform/i18n.ts";

export type RespondentLanguage = FamilyLanguage;
export const respondentLanguages: readonly RespondentLanguage[] = familyLanguages;

export const isRespondentLanguage = (v: unknown): v is RespondentLanguage =>
  typeof v === "string" && (respondentLanguages as readonly string[]).includes(v);

/** Each language in its own words, for the language switch. */
export const endonyms: Record<RespondentLanguage, string> = {
  sv: "Svenska",
  "sv-x-ll": "Lättläst svenska",
  en: "English",
  ar: "العربية",
  fa: "فارسی",
  so: "Soomaali",
  fi: "Suomi",
};

const rightToLeft: readonly string[] = ["ar", "fa"];

/** The writing direction of a language. */
export const dirOf = (lang: string): "rtl" | "ltr" => (rightToLeft.includes(lang) ? "rtl" : "ltr");

/** The `lang` attribute of a language: easy Swedish is Swedish to a screen reader and to axe. */
export const htmlLang = (lang: string): string => (lang === "sv-x-ll" ? "sv" : lang);

/** The voice to read a language aloud with (Web Speech API), region first where one is usual. */
export const speechLang = (lang: string): string =>
  ({ sv: "sv-SE", "sv-x-ll": "sv-SE", en: "en-GB", ar: "ar", fa: "fa-IR", so: "so-SO", fi: "fi-FI" })[lang] ?? lang;

/** The words of the respondents' screens that are not the instrument's own. */
export const respondentKeys = [
  "answer.skipLink",
  "answer.intro",
  "answer.introChild",
  "answer.noTimeLimit",
  "answer.dontKnow",
  "answer.submit",
  "answer.next",
  "answer.previous",
  "answer.progress",
  "answer.readAloud",
  "answer.saving",
  "answer.offline",
  "answer.error.choose",
  "answer.error.noAnswers",
  "answer.thanks.title",
  "answer.thanks.text",
  "answer.language",
  "answer.unreviewed",
  "error.summaryTitle",
  "kiosk.handback.yourTurn",
  "kiosk.handback.role",
  "kiosk.handback.progress",
  "kiosk.handback.start",
  "kiosk.handback.saved",
  "kiosk.handback.skipped",
  "kiosk.audience.parent",
  "kiosk.audience.child",
] as const;
export type RespondentKey = (typeof respondentKeys)[number];

type Words = Record<RespondentKey, string>;

/** The family's languages beyond Swedish and English (those two are the app's catalogs). */
const words: Record<Exclude<RespondentLanguage, Locale>, Words> = {
  "sv-x-ll": {
    "answer.skipLink": "Gå till frågorna",
    "answer.intro": "Ingen vet vad du svarar. Inte familjen och inte personalen.",
    "answer.introChild": "Ingen får veta vad du svarar. Du kan välja Vet inte.",
    "answer.noTimeLimit": "Du får ta den tid du behöver.",
    "answer.dontKnow": "Vet inte / vill inte svara",
    "answer.submit": "Skicka svaren",
    "answer.next": "Nästa",
    "answer.previous": "Tillbaka",
    "answer.progress": "Fråga {n} av {total}",
    "answer.readAloud": "Läs upp",
    "answer.saving": "Skickar svaren …",
    "answer.offline": "Det gick inte att skicka nu. Svaren finns kvar här. De skickas när internet fungerar igen.",
    "answer.error.choose": "Välj ett svar.",
    "answer.error.noAnswers": "Svara på minst en fråga. Du kan välja Vet inte.",
    "answer.thanks.title": "Tack för dina svar!",
    "answer.thanks.text": "Svaren är skickade. Nu kan du stänga sidan.",
    "answer.language": "Språk",
    "answer.unreviewed": "Texten på lättläst svenska är inte kontrollerad än.",
    "error.summaryTitle": "Rätta det här",
    "kiosk.handback.yourTurn": "Nu är det din tur",
    "kiosk.handback.role": "Du svarar som: {role}",
    "kiosk.handback.progress": "{answered} av {total} har svarat",
    "kiosk.handback.start": "Börja",
    "kiosk.handback.saved": "Tack! Svaren är sparade.",
    "kiosk.handback.skipped": "Personen hoppades över.",
    "kiosk.audience.parent": "Förälder",
    "kiosk.audience.child": "Barn",
  },
  ar: {
    "answer.skipLink": "انتقل إلى الأسئلة",
    "answer.intro": "إجاباتك مجهولة الهوية. لا أحد من العائلة أو الموظفين يرى ما أجبت به أنت.",
    "answer.introChild": "لن يعرف أحد ماذا أجبت. يمكنك اختيار «لا أعرف» إذا كنت لا تريد أن تجيب.",
    "answer.noTimeLimit": "خذ الوقت الذي تحتاجه.",
    "answer.dontKnow": "لا أعرف / لا أريد أن أجيب",
    "answer.submit": "أرسل الإجابات",
    "answer.next": "التالي",
    "answer.previous": "السابق",
    "answer.progress": "السؤال {n} من {total}",
    "answer.readAloud": "اقرأ بصوت عالٍ",
    "answer.saving": "جارٍ إرسال الإجابات …",
    "answer.offline": "لم يكن الإرسال ممكنًا الآن. الإجابات محفوظة هنا وسيتم إرسالها عندما يعود الإنترنت.",
    "answer.error.choose": "اختر إجابة واحدة.",
    "answer.error.noAnswers": "أجب عن سؤال واحد على الأقل. يمكنك اختيار «لا أعرف / لا أريد أن أجيب».",
    "answer.thanks.title": "شكرًا على إجاباتك!",
    "answer.thanks.text": "تم إرسال الإجابات. يمكنك إغلاق الصفحة الآن.",
    "answer.language": "اللغة",
    "answer.unreviewed": "لم يراجع هذه الترجمة متحدث أصلي باللغة بعد.",
    "error.summaryTitle": "يرجى تصحيح ما يلي",
    "kiosk.handback.yourTurn": "الآن دورك",
    "kiosk.handback.role": "أنت تجيب بصفتك: {role}",
    "kiosk.handback.progress": "أجاب {answered} من {total}",
    "kiosk.handback.start": "ابدأ",
    "kiosk.handback.saved": "شكرًا! تم حفظ الإجابات.",
    "kiosk.handback.skipped": "تم تخطي هذا الشخص.",
    "kiosk.audience.parent": "أحد الوالدين",
    "kiosk.audience.child": "طفل",
  },
  fa: {
    "answer.skipLink": "رفتن به پرسش‌ها",
    "answer.intro": "پاسخ‌های شما بی‌نام است. هیچ‌کس در خانواده یا از کارکنان نمی‌بیند که شما چه پاسخی داده‌اید.",
    "answer.introChild": "هیچ‌کس نمی‌فهمد تو چه جوابی می‌دهی. اگر نمی‌خواهی جواب بدهی، می‌توانی «نمی‌دانم» را انتخاب کنی.",
    "answer.noTimeLimit": "هر چقدر وقت لازم دارید، صرف کنید.",
    "answer.dontKnow": "نمی‌دانم / نمی‌خواهم جواب بدهم",
    "answer.submit": "ارسال پاسخ‌ها",
    "answer.next": "بعدی",
    "answer.previous": "قبلی",
    "answer.progress": "پرسش {n} از {total}",
    "answer.readAloud": "خواندن با صدا",
    "answer.saving": "در حال ارسال پاسخ‌ها …",
    "answer.offline": "ارسال الان ممکن نشد. پاسخ‌ها اینجا ذخیره شده‌اند و وقتی اینترنت دوباره وصل شود ارسال می‌شوند.",
    "answer.error.choose": "یکی از پاسخ‌ها را انتخاب کنید.",
    "answer.error.noAnswers": "دست‌کم به یک پرسش پاسخ دهید. می‌توانید «نمی‌دانم / نمی‌خواهم جواب بدهم» را انتخاب کنید.",
    "answer.thanks.title": "از پاسخ‌های شما سپاسگزاریم!",
    "answer.thanks.text": "پاسخ‌ها ارسال شدند. اکنون می‌توانید صفحه را ببندید.",
    "answer.language": "زبان",
    "answer.unreviewed": "این ترجمه هنوز توسط یک گویشور بومی بررسی نشده است.",
    "error.summaryTitle": "لطفاً این موارد را اصلاح کنید",
    "kiosk.handback.yourTurn": "حالا نوبت شماست",
    "kiosk.handback.role": "شما به‌عنوان {role} پاسخ می‌دهید",
    "kiosk.handback.progress": "{answered} نفر از {total} نفر پاسخ داده‌اند",
    "kiosk.handback.start": "شروع",
    "kiosk.handback.saved": "سپاس! پاسخ‌ها ذخیره شدند.",
    "kiosk.handback.skipped": "این نفر رد شد.",
    "kiosk.audience.parent": "والد",
    "kiosk.audience.child": "کودک",
  },
  so: {
    "answer.skipLink": "U gudub su'aalaha",
    "answer.intro": "Jawaabahaagu waa qarsoodi. Qofna oo qoyska ama shaqaalaha ka mid ah ma arko waxa adiga aad ka jawaabtay.",
    "answer.introChild": "Qofna ma ogaan doono waxaad ka jawaabto. Waxaad dooran kartaa «Ma aqaan» haddii aadan rabin inaad ka jawaabto.",
    "answer.noTimeLimit": "Qaado waqtiga aad u baahan tahay.",
    "answer.dontKnow": "Ma aqaan / ma rabo inaan ka jawaabo",
    "answer.submit": "Dir jawaabaha",
    "answer.next": "Xiga",
    "answer.previous": "Hore",
    "answer.progress": "Su'aasha {n} ee {total}",
    "answer.readAloud": "Kor u akhri",
    "answer.saving": "Jawaabaha waa la dirayaa …",
    "answer.offline": "Hadda lama diri karin. Jawaabaha halkan ayay ku kaydsan yihiin, waxaana la diri doonaa marka internetku soo laabto.",
    "answer.error.choose": "Dooro mid ka mid ah jawaabaha.",
    "answer.error.noAnswers": "Ka jawaab ugu yaraan hal su'aal. Waxaad dooran kartaa «Ma aqaan / ma rabo inaan ka jawaabo».",
    "answer.thanks.title": "Mahadsanid jawaabahaaga!",
    "answer.thanks.text": "Jawaabaha waa la diray. Hadda waad xiri kartaa bogga.",
    "answer.language": "Luqadda",
    "answer.unreviewed": "Turjumaaddan weli ma hubin qof luqaddu hooyo u tahay.",
    "error.summaryTitle": "Fadlan sax waxyaabahan",
    "kiosk.handback.yourTurn": "Hadda waa markaaga",
    "kiosk.handback.role": "Waxaad ka jawaabaysaa sida: {role}",
    "kiosk.handback.progress": "{answered} ka mid ah {total} ayaa jawaabay",
    "kiosk.handback.start": "Bilow",
    "kiosk.handback.saved": "Mahadsanid! Jawaabaha waa la kaydiyay.",
    "kiosk.handback.skipped": "Qofkaas waa laga boodday.",
    "kiosk.audience.parent": "Waalid",
    "kiosk.audience.child": "Ilmo",
  },
  fi: {
    "answer.skipLink": "Siirry kysymyksiin",
    "answer.intro": "Vastauksesi ovat nimettömiä. Kukaan perheestä tai henkilökunnasta ei näe, mitä juuri sinä vastasit.",
    "answer.introChild": "Kukaan ei saa tietää, mitä sinä vastaat. Voit valita En tiedä, jos et halua vastata.",
    "answer.noTimeLimit": "Käytä niin paljon aikaa kuin tarvitset.",
    "answer.dontKnow": "En tiedä / en halua vastata",
    "answer.submit": "Lähetä vastaukset",
    "answer.next": "Seuraava",
    "answer.previous": "Edellinen",
    "answer.progress": "Kysymys {n} / {total}",
    "answer.readAloud": "Lue ääneen",
    "answer.saving": "Vastauksia lähetetään …",
    "answer.offline": "Lähettäminen ei onnistunut juuri nyt. Vastaukset on tallennettu tänne, ja ne lähetetään, kun internet toimii taas.",
    "answer.error.choose": "Valitse yksi vastauksista.",
    "answer.error.noAnswers": "Vastaa ainakin yhteen kysymykseen. Voit valita En tiedä / en halua vastata.",
    "answer.thanks.title": "Kiitos vastauksistasi!",
    "answer.thanks.text": "Vastaukset on lähetetty. Voit nyt sulkea sivun.",
    "answer.language": "Kieli",
    "answer.unreviewed": "Tätä käännöstä ei ole vielä tarkistanut äidinkielinen puhuja.",
    "error.summaryTitle": "Korjaa seuraavat kohdat",
    "kiosk.handback.yourTurn": "Nyt on sinun vuorosi",
    "kiosk.handback.role": "Vastaat roolissa: {role}",
    "kiosk.handback.progress": "{answered}/{total} on vastannut",
    "kiosk.handback.start": "Aloita",
    "kiosk.handback.saved": "Kiitos! Vastaukset on tallennettu.",
    "kiosk.handback.skipped": "Henkilö ohitettiin.",
    "kiosk.audience.parent": "Vanhempi",
    "kiosk.audience.child": "Lapsi",
  },
};

/** The words of a respondent's screen in a language: Swedish and English from the catalogs. */
export function respondentWords(lang: RespondentLanguage): Words {
  if (lang === "sv" || lang === "en") {
    return Object.fromEntries(respondentKeys.map((k) => [k, messages[lang][k] ?? k])) as Words;
  }
  return words[lang];
}

/**
 * A translator for a respondent's screen: the respondent words in the language, anything else
 * (the app's name) from the page's own catalog.
 */
export function respondentTranslator(lang: RespondentLanguage, fallback: Translate): Translate {
  const table: Record<string, string> = respondentWords(lang);
  return (key, params) => {
    const text = table[key];
    if (text === undefined) return fallback(key, params);
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
  };
}
