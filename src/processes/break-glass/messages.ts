import type { Catalog } from "../../platform/i18n.ts";

/** Break-glass (nödåtkomst): the offer on the search page, the form, the notice by e-mail (sent in Swedish). */
export const breakGlassMessages: Catalog = {
  sv: {
    "processes.breakGlass.title": "Nödåtkomst till en familj",
    "processes.breakGlass.intro":
      "Nödåtkomst är till för en akut situation där du behöver se en familj som du inte arbetar med, till exempel när barnets säkerhet står på spel och den som har familjen inte går att nå. Du ser familjens process i {minutes} minuter, utan att kunna ändra något.",
    "processes.breakGlass.logged":
      "Öppningen loggas med ditt skäl, granskas i logguppföljningen, och familjens processledare och enhetschef får veta det.",
    "processes.breakGlass.identity": "Personnummer",
    "processes.breakGlass.identityHint": "Hela personnumret för en vårdnadshavare eller ett barn i familjen, 12 eller 10 siffror.",
    "processes.breakGlass.reason": "Skäl",
    "processes.breakGlass.reasonHint": "Varför du måste öppna familjen nu. Skälet sparas i loggen.",
    "processes.breakGlass.submit": "Öppna i nödläge",
    "processes.breakGlass.identityRequired": "Skriv personnumret för någon i familjen.",
    "processes.breakGlass.reasonRequired": "Skriv skälet till att du behöver öppna familjen i nödläge.",
    "processes.breakGlass.reasonShort": "Skriv skälet med minst 5 tecken.",
    "processes.breakGlass.reasonLong": "Skälet får vara högst 500 tecken.",
    "processes.breakGlass.notFound": "Det finns ingen familj med en process och det här personnumret i kommunen.",
    "processes.breakGlass.offerTitle": "Ingen åtkomst – öppna i nödläge?",
    "processes.breakGlass.offer":
      "Ingen familj som du arbetar med har det här personnumret. Är det en nödsituation kan du öppna familjens process med nödåtkomst. Det loggas och familjens processledare får veta det.",
    "processes.breakGlass.active": "Du ser familjen med nödåtkomst till {until}. Du kan inte ändra något.",
    "processes.breakGlass.mail.subject": "Sofia: nödåtkomst till en familj du ansvarar för",
    "processes.breakGlass.mail.text":
      "{who} öppnade med nödåtkomst en familj som du ansvarar för i Sofia, {at}. Åtkomsten gäller till {until}.\n\nSkälet och vad som visades finns i Sofias logg. Familjen i Sofia (logga in):\n{link}\n\nDet här meddelandet innehåller inga uppgifter om familjen.",
  },
  en: {
    "processes.breakGlass.title": "Emergency access to a family",
    "processes.breakGlass.intro":
      "Emergency access is for an acute situation where you need to see a family you do not work with, for example when a child's safety is at stake and whoever has the family cannot be reached. You see the family's process for {minutes} minutes, without being able to change anything.",
    "processes.breakGlass.logged":
      "The opening is logged with your reason, reviewed in the log review, and the family's process leader and unit manager are told.",
    "processes.breakGlass.identity": "Identity number",
    "processes.breakGlass.identityHint": "The full identity number of a guardian or a child of the family, 12 or 10 digits.",
    "processes.breakGlass.reason": "Reason",
    "processes.breakGlass.reasonHint": "Why you must open the family now. The reason is kept in the log.",
    "processes.breakGlass.submit": "Open in an emergency",
    "processes.breakGlass.identityRequired": "Enter the identity number of someone in the family.",
    "processes.breakGlass.reasonRequired": "Enter why you need to open the family in an emergency.",
    "processes.breakGlass.reasonShort": "Write the reason with at least 5 characters.",
    "processes.breakGlass.reasonLong": "The reason may be at most 500 characters.",
    "processes.breakGlass.notFound": "No family with a process has this identity number in the municipality.",
    "processes.breakGlass.offerTitle": "No access – open in an emergency?",
    "processes.breakGlass.offer":
      "No family you work with has this identity number. If this is an emergency you can open the family's process with emergency access. It is logged and the family's process leader is told.",
    "processes.breakGlass.active": "You see the family with emergency access until {until}. You cannot change anything.",
    "processes.breakGlass.mail.subject": "Sofia: emergency access to a family you are responsible for",
    "processes.breakGlass.mail.text":
      "{who} opened a family you are responsible for in Sofia with emergency access, {at}. The access lasts until {until}.\n\nThe reason and what was shown are in Sofia's log. The family in Sofia (log in):\n{link}\n\nThis message holds no information about the family.",
  },
};
