import type { Translations } from "./vi";

const en: Translations = {
  app: {
    name: "Kỹ Năng Số",
    tagline: "Digital skills for community digital technology teams",
    skipToContent: "Skip to main content",
  },
  nav: {
    home: "Home",
    menu: "Menu",
    signIn: "Sign in",
    signOut: "Sign out",
    language: "Language",
    switchTo: "Tiếng Việt",
  },
  roles: {
    member: "Team member",
    trainer: "Trainer",
    supervisor: "Supervisor",
    admin: "Administrator",
  },
  login: {
    title: "Sign in",
    intro: "Enter the phone number and password your team leader or supervising officer gave you.",
    phone: "Phone number",
    phoneHint: "For example: 0912 345 678",
    password: "Password",
    submit: "Sign in",
    showPassword: "Show password",
    forgot: "Forgot your password? Ask the officer in charge at your commune to reset it.",
  },
  errors: {
    phoneRequired: "Please enter your phone number.",
    phoneInvalid: "That phone number is not right. A Vietnamese mobile number has 10 digits and starts with 03, 05, 07, 08 or 09.",
    passwordRequired: "Please enter your password.",
    wrongCredentials: "Wrong phone number or password.",
    throttled: "Too many wrong attempts. Please wait {{minutes}} minutes and try again.",
    notFoundTitle: "Page not found",
    notFoundText: "The page you are looking for does not exist or has moved.",
    forbiddenTitle: "You may not see this page",
    forbiddenText: "This page is for a different role or a different unit.",
    genericTitle: "Something went wrong",
    genericText: "Sorry, the server had a problem. Please try again in a few minutes.",
    backHome: "Back to the home page",
  },
  home: {
    greeting: "Hello, {{name}}",
    yourTeam: "Your team",
    yourScope: "Your unit",
    teamMembers: "Team members",
    noTeam: "You are not in a team yet. Please tell the officer in charge at your commune.",
    units: "Units below",
    unit: "Unit",
    teams: "Teams",
    members: "Members",
    total: "Whole unit (its own team included)",
    noChildren: "This unit has no units below it.",
    roleIntro: {
      member: "Here you learn to use VNeID, online public services, cashless payments and online selling, so you can guide residents.",
      trainer: "You run training for the teams in the unit below.",
      supervisor: "You follow the results of the teams in the unit below.",
      admin: "You manage units, teams and accounts in the scope below.",
    },
  },
  language: {
    vi: "Tiếng Việt",
    en: "English",
  },
  notFound: {
    title: "Page not found",
  },
};

export default en;
