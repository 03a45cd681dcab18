import type { Catalog } from "../platform/i18n.ts";

export const authMessages: Catalog = {
  sv: {
    "auth.login.title": "Logga in",
    "auth.login.intro": "Logga in med ditt användarnamn och lösenord.",
    "auth.login.username": "Användarnamn",
    "auth.login.password": "Lösenord",
    "auth.login.submit": "Logga in",
    "auth.login.failed": "Fel användarnamn eller lösenord. Kontrollera uppgifterna och försök igen.",
    "auth.login.throttled": "För många misslyckade inloggningsförsök. Vänta {minutes} minuter och försök igen.",
    "auth.login.usernameRequired": "Skriv ditt användarnamn",
    "auth.login.passwordRequired": "Skriv ditt lösenord",
    "auth.password.title": "Välj lösenord",
    "auth.password.intro": "Välj ett nytt lösenord för {name}. Länken kan bara användas en gång.",
    "auth.password.new": "Nytt lösenord",
    "auth.password.hint": "Minst 12 tecken. En fras med flera ord är lätt att minnas och svår att gissa.",
    "auth.password.confirm": "Upprepa lösenordet",
    "auth.password.submit": "Spara lösenordet",
    "auth.password.done": "Lösenordet är sparat. Logga in med ditt nya lösenord.",
    "auth.password.invalidLink": "Länken går inte att använda",
    "auth.password.invalidLinkText": "Länken är redan använd, har gått ut eller är felaktig. Be din administratör om en ny länk.",
    "auth.password.tooShort": "Lösenordet måste ha minst 12 tecken",
    "auth.password.tooLong": "Lösenordet får ha högst 256 tecken",
    "auth.password.containsUsername": "Lösenordet får inte innehålla användarnamnet",
    "auth.password.tooSimple": "Lösenordet är för enkelt. Använd fler olika tecken",
    "auth.password.common":
      "Lösenordet är ett av de vanligaste lösenorden och finns i listor över läckta lösenord. Välj ett annat, till exempel en fras med flera ord",
    "auth.password.mismatch": "Lösenorden är inte lika",
    "auth.sso.heading": "Kommunens inloggning",
    "auth.sso.button": "Logga in med kommunens inloggning",
    "auth.sso.buttonFor": "Logga in med kommunens inloggning ({name})",
    "auth.sso.localHeading": "Eller logga in med lösenord",
    "auth.sso.noAccount":
      "Du loggade in hos kommunen, men det finns inget aktivt konto i Sofia med ditt användarnamn. Kontakta Sofias administratör i din kommun.",
    "auth.sso.noRole":
      "Du loggade in hos kommunen, men du är inte med i någon grupp som ger en roll i Sofia. Kontakta Sofias administratör i din kommun.",
    "auth.sso.unavailable": "Kommunens inloggning går inte att nå just nu. Försök igen om en stund, eller logga in med lösenord.",
    "auth.sso.providerError": "Inloggningen avbröts hos kommunens inloggning. Försök igen.",
    "auth.sso.stateProblem":
      "Inloggningen gick inte att slutföra: den var redan använd, tog för lång tid eller startades i en annan webbläsare. Börja om med knappen nedan.",
    "auth.sso.tokenProblem":
      "Kommunens inloggning svarade med uppgifter som Sofia inte kan godta. Försök igen, och kontakta din administratör om det händer igen.",
    "auth.sso.mapping.format": "Skriv en grupp per rad: gruppens namn, likhetstecken och rollen, till exempel sofia-admin = administrator",
    "auth.sso.mapping.role":
      "En rad har en roll som inte finns. Använd administrator, process_leader, caseworker, unit_manager eller analyst",
  },
  en: {
    "auth.login.title": "Sign in",
    "auth.login.intro": "Sign in with your username and password.",
    "auth.login.username": "Username",
    "auth.login.password": "Password",
    "auth.login.submit": "Sign in",
    "auth.login.failed": "Wrong username or password. Check them and try again.",
    "auth.login.throttled": "Too many failed sign-in attempts. Wait {minutes} minutes and try again.",
    "auth.login.usernameRequired": "Enter your username",
    "auth.login.passwordRequired": "Enter your password",
    "auth.password.title": "Choose a password",
    "auth.password.intro": "Choose a new password for {name}. The link can be used only once.",
    "auth.password.new": "New password",
    "auth.password.hint": "At least 12 characters. A phrase of several words is easy to remember and hard to guess.",
    "auth.password.confirm": "Repeat the password",
    "auth.password.submit": "Save the password",
    "auth.password.done": "The password is saved. Sign in with your new password.",
    "auth.password.invalidLink": "The link cannot be used",
    "auth.password.invalidLinkText": "The link has been used, has expired or is wrong. Ask your administrator for a new link.",
    "auth.password.tooShort": "The password must have at least 12 characters",
    "auth.password.tooLong": "The password may have at most 256 characters",
    "auth.password.containsUsername": "The password must not contain the username",
    "auth.password.tooSimple": "The password is too simple. Use more different characters",
    "auth.password.common":
      "The password is one of the most common passwords and is found in lists of leaked passwords. Choose another, for example a phrase of several words",
    "auth.password.mismatch": "The passwords are not the same",
    "auth.sso.heading": "The municipality's login",
    "auth.sso.button": "Sign in with the municipality's login",
    "auth.sso.buttonFor": "Sign in with the municipality's login ({name})",
    "auth.sso.localHeading": "Or sign in with a password",
    "auth.sso.noAccount":
      "You signed in at the municipality, but Sofia has no active account with your username. Contact Sofia's administrator in your municipality.",
    "auth.sso.noRole":
      "You signed in at the municipality, but you are in no group that gives a role in Sofia. Contact Sofia's administrator in your municipality.",
    "auth.sso.unavailable": "The municipality's login cannot be reached just now. Try again in a while, or sign in with a password.",
    "auth.sso.providerError": "The sign-in was stopped at the municipality's login. Try again.",
    "auth.sso.stateProblem":
      "The sign-in could not be completed: it was used already, took too long or was started in another browser. Start again with the button below.",
    "auth.sso.tokenProblem":
      "The municipality's login answered with details Sofia cannot accept. Try again, and contact your administrator if it happens again.",
    "auth.sso.mapping.format":
      "Write one group a line: the group's name, an equals sign and the role, for example sofia-admin = administrator",
    "auth.sso.mapping.role":
      "A line has a role that does not exist. Use administrator, process_leader, caseworker, unit_manager or analyst",
  },
};
