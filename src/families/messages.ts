import type { Catalog } from "../platform/i18n.ts";

export const familiesMessages: Catalog = {
  sv: {
    "families.identity.wrongFormat":
      "Skriv personnumret eller samordningsnumret med tolv eller tio siffror: ÅÅÅÅMMDD-NNNN eller ÅÅMMDD-NNNN.",
    "families.identity.impossibleDate":
      "Datumet i personnumret finns inte. Kontrollera år, månad och dag (i ett samordningsnummer är dagen 61–91).",
    "families.identity.wrongCheckDigit": "Personnumret har fel kontrollsiffra. Kontrollera de fyra sista siffrorna.",
    "families.identity.futureDate": "Födelsedatumet i personnumret ligger efter förfrågans datum. Kontrollera århundradet och året.",
    "families.identity.kind.personnummer": "Personnummer",
    "families.identity.kind.samordningsnummer": "Samordningsnummer",
    "families.birthDate.wrongFormat": "Skriv födelsedatumet som ÅÅÅÅ-MM-DD, till exempel 2015-03-14.",
    "families.birthDate.impossibleDate": "Födelsedatumet finns inte. Kontrollera år, månad och dag.",
    "families.birthDate.futureDate": "Födelsedatumet ligger efter förfrågans datum.",
    "families.age.bornAfterRequest": "Barnets födelsedatum ligger efter förfrågans datum. Bekräfta att uppgiften stämmer.",
    "families.age.tooYoung": "Barnet är {age} år på förfrågans datum, yngre än {min} år. Bekräfta att barnet ska ingå.",
    "families.age.tooOld":
      "Barnet är {age} år på förfrågans datum. Sofiamodellen är gjord för barn upp till {max} år. Bekräfta att barnet ska ingå.",
    "families.caseType.type1": "Typ 1",
    "families.caseType.type2": "Typ 2",
    "families.caseType.type3": "Typ 3",
    "families.caseType.none": "Ingen ärendetyp",
    "families.caseType.reason.bothOpen":
      "Ett barn är aktuellt på en barnenhet och en förälder är aktuell på en beroendeenhet. Sofiamodellen tillämpas alltid.",
    "families.caseType.reason.parentApplied":
      "Ett barn är aktuellt på en barnenhet och en förälder har ansökt om stöd på en beroendeenhet.",
    "families.caseType.reason.investigationOpened":
      "En förälder är aktuell på en beroendeenhet och barnenheten har inlett en utredning efter anmälan.",
    "families.caseType.reason.childOnly":
      "Ett barn är aktuellt på en barnenhet efter en anmälan om missbruk i hemmet, men ingen förälder är aktuell på en beroendeenhet. En handläggare från beroendeenheten deltar för att informera och kan ta emot förälderns ansökan om stöd.",
    "families.caseType.reason.parentOnly":
      "En förälder är aktuell på en beroendeenhet, men inget barn är aktuellt på en barnenhet. En anmälan ska skickas till barnenheten. När barnenheten inleder en utredning blir ärendet Typ 1.",
    "families.caseType.reason.neitherOpen":
      "Varken något barn på en barnenhet eller någon förälder på en beroendeenhet är aktuell. Ärendetypen kan inte bestämmas ännu.",
    "families.caseType.reason.noChildren": "Familjen har inga barn registrerade. Lägg till barnen för att ärendetypen ska kunna bestämmas.",
    "families.caseType.reason.noGuardians":
      "Familjen har inga vårdnadshavare registrerade. Lägg till vårdnadshavarna för att ärendetypen ska kunna bestämmas.",
    "families.caseType.change.investigationOpened":
      "Ärendetypen ändrades från {from} till {to}: barnenheten har inlett en utredning efter anmälan.",
    "families.caseType.change.parentApplied":
      "Ärendetypen ändrades från {from} till {to}: föräldern har ansökt om stöd på beroendeenheten.",
    "families.caseType.change.other": "Ärendetypen ändrades från {from} till {to}.",
  },
  en: {
    "families.identity.wrongFormat":
      "Enter the personal identity number or coordination number with twelve or ten digits: YYYYMMDD-NNNN or YYMMDD-NNNN.",
    "families.identity.impossibleDate":
      "The date in the identity number does not exist. Check the year, month and day (in a coordination number the day is 61–91).",
    "families.identity.wrongCheckDigit": "The identity number has the wrong check digit. Check the last four digits.",
    "families.identity.futureDate":
      "The date of birth in the identity number is after the date of the request. Check the century and the year.",
    "families.identity.kind.personnummer": "Personal identity number",
    "families.identity.kind.samordningsnummer": "Coordination number",
    "families.birthDate.wrongFormat": "Enter the date of birth as YYYY-MM-DD, for example 2015-03-14.",
    "families.birthDate.impossibleDate": "The date of birth does not exist. Check the year, month and day.",
    "families.birthDate.futureDate": "The date of birth is after the date of the request.",
    "families.age.bornAfterRequest": "The child's date of birth is after the date of the request. Confirm that it is correct.",
    "families.age.tooYoung":
      "The child is {age} years old on the date of the request, younger than {min}. Confirm that the child is to be included.",
    "families.age.tooOld":
      "The child is {age} years old on the date of the request. The Sofia model is made for children up to {max}. Confirm that the child is to be included.",
    "families.caseType.type1": "Type 1",
    "families.caseType.type2": "Type 2",
    "families.caseType.type3": "Type 3",
    "families.caseType.none": "No case type",
    "families.caseType.reason.bothOpen":
      "A child is open at a child unit and a parent is open at an addiction unit. The Sofia model is always applied.",
    "families.caseType.reason.parentApplied": "A child is open at a child unit and a parent has applied for support at an addiction unit.",
    "families.caseType.reason.investigationOpened":
      "A parent is open at an addiction unit and the child unit has opened an investigation after the report.",
    "families.caseType.reason.childOnly":
      "A child is open at a child unit after a report of substance abuse at home, but no parent is open at an addiction unit. An addiction caseworker joins to inform and can take the parent's application for support.",
    "families.caseType.reason.parentOnly":
      "A parent is open at an addiction unit, but no child is open at a child unit. A report is to be sent to the child unit. When the child unit opens an investigation the case becomes Type 1.",
    "families.caseType.reason.neitherOpen":
      "Neither a child at a child unit nor a parent at an addiction unit is open. The case type cannot be decided yet.",
    "families.caseType.reason.noChildren": "The family has no children registered. Add the children so that the case type can be decided.",
    "families.caseType.reason.noGuardians":
      "The family has no guardians registered. Add the guardians so that the case type can be decided.",
    "families.caseType.change.investigationOpened":
      "The case type changed from {from} to {to}: the child unit has opened an investigation after the report.",
    "families.caseType.change.parentApplied":
      "The case type changed from {from} to {to}: the parent has applied for support at the addiction unit.",
    "families.caseType.change.other": "The case type changed from {from} to {to}.",
  },
};
