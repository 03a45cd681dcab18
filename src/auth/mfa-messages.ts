import type { Catalog } from "../platform/i18n.ts";

/** The second factor's words (decision 0060): the login's second step, enrolment, recovery codes. */
export const mfaMessages: Catalog = {
  sv: {
    "auth.mfa.code.title": "Ange koden från din app",
    "auth.mfa.code.intro":
      "Ditt lösenord stämmer. Öppna appen för tvåstegsverifiering i din telefon och skriv den sexsiffriga koden som visas för Sofia. Har du inte telefonen kan du skriva en av dina reservkoder.",
    "auth.mfa.code.label": "Kod",
    "auth.mfa.code.hint": "Sex siffror, till exempel 123 456, eller en reservkod som ABCDE-12345.",
    "auth.mfa.code.hintEnrol": "De sex siffror som appen visar just nu, till exempel 123 456.",
    "auth.mfa.code.submit": "Fortsätt",
    "auth.mfa.cancel": "Avbryt inloggningen",
    "auth.mfa.codeRequired": "Skriv koden från din app",
    "auth.mfa.wrongCode": "Koden stämmer inte. Skriv koden som appen visar nu (varje kod fungerar en gång) och försök igen.",
    "auth.mfa.expired": "Inloggningen tog för lång tid. Logga in igen.",
    "auth.mfa.alreadyEnrolled": "Tvåstegsverifiering är redan aktiverad för ditt konto.",
    "auth.mfa.toAccount": "Till Mitt konto",
    "auth.mfa.enrol.title": "Aktivera tvåstegsverifiering",
    "auth.mfa.enrol.required":
      "Din kommun kräver tvåstegsverifiering för din roll. Aktivera den nu för att komma vidare; det tar ett par minuter.",
    "auth.mfa.enrol.intro":
      "Med tvåstegsverifiering loggar du in med lösenordet och en kod från en app i din telefon. Då räcker inte ett lösenord som någon annan fått tag på.",
    "auth.mfa.enrol.step1":
      "Installera en app för engångskoder i din telefon om du inte redan har en, till exempel Microsoft Authenticator, Google Authenticator eller FreeOTP.",
    "auth.mfa.enrol.step2": "Lägg till ett konto i appen genom att skanna QR-koden.",
    "auth.mfa.enrol.qr": "QR-kod för att lägga till Sofia i appen för engångskoder",
    "auth.mfa.enrol.secretIntro": "Går det inte att skanna? Skriv in den här nyckeln i appen i stället (tidsbaserad, sex siffror):",
    "auth.mfa.enrol.step3": "Skriv koden som appen visar och välj Aktivera.",
    "auth.mfa.enrol.submit": "Aktivera",
    "auth.mfa.enrol.already": "Tvåstegsverifiering är redan aktiverad för ditt konto. Nyckeln visas bara när du aktiverar.",
    "auth.mfa.recovery.title": "Dina reservkoder",
    "auth.mfa.recovery.done": "Tvåstegsverifiering är aktiverad.",
    "auth.mfa.recovery.intro":
      "Spara de här tio reservkoderna på ett säkert ställe, till exempel utskrivna i ett låst skåp. Om du tappar bort telefonen kan du logga in med en av dem. Varje kod fungerar en gång. Koderna visas bara nu.",
    "auth.mfa.recovery.continue": "Jag har sparat koderna, fortsätt",
  },
  en: {
    "auth.mfa.code.title": "Enter the code from your app",
    "auth.mfa.code.intro":
      "Your password is right. Open the two-step verification app on your phone and type the six-digit code it shows for Sofia. Without your phone you can type one of your recovery codes.",
    "auth.mfa.code.label": "Code",
    "auth.mfa.code.hint": "Six digits, for example 123 456, or a recovery code such as ABCDE-12345.",
    "auth.mfa.code.hintEnrol": "The six digits the app shows now, for example 123 456.",
    "auth.mfa.code.submit": "Continue",
    "auth.mfa.cancel": "Cancel signing in",
    "auth.mfa.codeRequired": "Type the code from your app",
    "auth.mfa.wrongCode": "The code is not right. Type the code the app shows now (each code works once) and try again.",
    "auth.mfa.expired": "Signing in took too long. Please sign in again.",
    "auth.mfa.alreadyEnrolled": "Two-step verification is already on for your account.",
    "auth.mfa.toAccount": "To My account",
    "auth.mfa.enrol.title": "Turn on two-step verification",
    "auth.mfa.enrol.required":
      "Your municipality requires two-step verification for your role. Turn it on now to continue; it takes a couple of minutes.",
    "auth.mfa.enrol.intro":
      "With two-step verification you sign in with your password and a code from an app on your phone. A password someone else got hold of is then not enough.",
    "auth.mfa.enrol.step1":
      "Install an app for one-time codes on your phone if you do not have one, for example Microsoft Authenticator, Google Authenticator or FreeOTP.",
    "auth.mfa.enrol.step2": "Add an account in the app by scanning the QR code.",
    "auth.mfa.enrol.qr": "QR code to add Sofia to the one-time code app",
    "auth.mfa.enrol.secretIntro": "Cannot scan? Type this key into the app instead (time-based, six digits):",
    "auth.mfa.enrol.step3": "Type the code the app shows and choose Turn on.",
    "auth.mfa.enrol.submit": "Turn on",
    "auth.mfa.enrol.already": "Two-step verification is already on for your account. The key is shown only when you turn it on.",
    "auth.mfa.recovery.title": "Your recovery codes",
    "auth.mfa.recovery.done": "Two-step verification is on.",
    "auth.mfa.recovery.intro":
      "Keep these ten recovery codes in a safe place, for example printed in a locked cabinet. If you lose your phone you can sign in with one of them. Each code works once. The codes are shown only now.",
    "auth.mfa.recovery.continue": "I have kept the codes, continue",
  },
};
