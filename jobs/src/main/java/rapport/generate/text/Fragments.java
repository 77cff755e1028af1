package rapport.generate.text;

/**
 * The pieces personal notes are composed of. Pools of {fragment, topic} pairs: the topic is what
 * the rep will remember and follow up on next time. A fragment is used only when the customer's
 * facts fill all its placeholders.
 */
final class Fragments {
  private Fragments() {}

  static final String[][] LIFE = {
    {"{spouse} just started at {job} and loves it.", "{spouse}'s new job"},
    {"{spouse} is still settling in at {job}, long hours.", "{spouse}'s hours at {job}"},
    {"{He} told me {kid_rel} starts school in September.", "{kid}'s first school year"},
    {"{kid} passed the driving test last week!", "{kid}'s driving test"},
    {"{kid} has exams coming up, the house is tense.", "{kid}'s exams"},
    {"Says it has been raining for weeks back home in {hometown}.", "the weather in {hometown}"},
    {"They are flying to {hometown} over Easter to see family.", "the Easter trip to {hometown}"},
    {"{His} mother in {hometown} is recovering from a fall.", "{his} mother's recovery"},
    {"{He} is training for {event}.", "{event}"},
    {"Still doing {hobby} every weekend, talked about {event}.", "{event}"},
    {"The {pet} had surgery last week and is doing better now.", "the {pet}'s recovery"},
    {"{He} walks the {pet} past our place every morning.", "the {pet}"},
    {"The kitchen renovation is finally done, {he} sounded relieved.", "the kitchen renovation"},
    {"They are looking at a bigger flat closer to {place}.", "the flat hunt"},
    {"Back from a weekend at {place} with {spouse}.", "the weekend at {place}"},
    {"{He} had knee surgery in spring and is walking again.", "{his} knee"},
    {"{spouse} and {he} celebrated their anniversary at {place}.", "the anniversary"},
    {"{kid} started an apprenticeship as a mechanic, {he} is proud.", "{kid}'s apprenticeship"},
  };

  static final String[][] CAR = {
    {
      "The {model} runs well, only the infotainment freezes now and then.",
      "the {model}'s infotainment"
    },
    {"Asked about winter tyres for the {model}; I'll send a quote.", "the winter tyre quote"},
    {"{He} is thinking about an electric car for {spouse}.", "an electric car for {spouse}"},
    {"The lease on the {model} ends next spring, wants options early.", "the end of the lease"},
    {"Scratch on the rear bumper of the {model}, from a car park.", "the bumper repair"},
    {
      "{spouse}'s {spouse_model} needs new brake pads, will bring it in.",
      "the brakes on the {spouse_model}"
    },
    {"{He} worries the {model} is too small now with {kid} growing.", "a bigger car"},
    {"The roof box for the {model} fits, they used it for {place}.", "the roof box"},
  };

  /** The same life, addressed to the customer: for e-mails and texts. */
  static final String[][] LIFE_YOU = {
    {"How is {spouse} getting on at {job}?", "{spouse}'s new job"},
    {"I hope {kid} enjoys the first weeks at school!", "{kid}'s first school year"},
    {"Congratulations to {kid} on the driving test!", "{kid}'s driving test"},
    {"Fingers crossed for {kid}'s exams.", "{kid}'s exams"},
    {"I hope the weather back in {hometown} is kinder than here.", "the weather in {hometown}"},
    {"Have a wonderful Easter in {hometown} with the family.", "the Easter trip to {hometown}"},
    {"Good luck with {event}!", "{event}"},
    {"How did {event} go?", "{event}"},
    {"How is the {pet} doing after the surgery?", "the {pet}'s recovery"},
    {"Glad to hear the kitchen is finally done.", "the kitchen renovation"},
    {"Any luck with the flat near {place}?", "the flat hunt"},
    {"Hope you and {spouse} enjoyed {place}.", "the weekend at {place}"},
    {"Good to hear the knee is holding up.", "{his} knee"},
    {"Happy anniversary to you and {spouse}!", "the anniversary"},
    {"Please tell {kid} good luck with the apprenticeship.", "{kid}'s apprenticeship"},
  };

  static final String[][] CAR_YOU = {
    {"The winter tyre quote for your {model} is attached.", "the winter tyre quote"},
    {
      "If you want to look at an electric car for {spouse}, I'll set up a test drive.",
      "an electric car for {spouse}"
    },
    {
      "About the lease on your {model}: let's look at options in good time.", "the end of the lease"
    },
    {"The bumper on the {model} will be done by {weekday}.", "the bumper repair"},
    {
      "Bring {spouse}'s {spouse_model} in whenever it suits, I'll tell the workshop.",
      "the brakes on the {spouse_model}"
    },
  };

  static final String[] FOLLOW_UPS_YOU = {
    "How did {topic} turn out?",
    "Last time you mentioned {topic}: any news?",
    "I've been wondering about {topic}.",
    "Thinking of {topic}, I hope all is well.",
  };

  static final String[] OPENERS = {
    "Called {first}.",
    "Good chat with {first}.",
    "Reached {first} on the mobile, {he} was on the way to {place}.",
    "Spoke with {first} for a while.",
    "{first} picked up right away.",
    "Caught {first} at lunch, {he} had time to talk.",
    "Phoned {first} as promised.",
    "Long overdue call with {first}.",
  };

  static final String[] FOLLOW_UPS = {
    "Asked about {topic}: {outcome}.",
    "Followed up on {topic} from last time, {outcome}.",
    "{He} brought up {topic} again, {outcome}.",
    "Remembered to ask about {topic}; {outcome}.",
  };

  static final String[] OUTCOMES = {
    "all good", "still ongoing", "better than expected", "{he} laughed about it",
    "sorted now", "{he} was glad I asked", "not great, but improving", "much calmer now",
  };

  static final String[] CLOSINGS = {
    "Will call again after the holidays.",
    "Promised to send the brochure by e-mail.",
    "Booked the {model} in for {weekday}.",
    "Call back in two weeks.",
    "No action needed.",
    "Invited them to the summer party.",
    "Sent regards to {spouse}.",
    "Noted: prefers calls after 5 pm.",
    "",
  };

  static final String[] VOICEMAILS = {
    "Left a voicemail for {first}: the tyre quote is ready.",
    "Voicemail: birthday wishes, will try again on {weekday}.",
    "No answer, left a message asking about {topic}.",
    "Left a message for {first}, {spouse}'s {spouse_model} is ready for pick-up.",
    "Voicemail left, asked {first} to call back about the appointment.",
    "Mailbox. Left a short message about {topic}.",
  };

  static final String[] VISITS = {
    "Brought the {model} back to {first}'s home after the service and stayed for a coffee.",
    "Met {first} and {spouse} at the showroom as arranged, walked them through the {model}.",
    "Visited {first} at home to pick up the {model} for service.",
    "{first} came in on my invitation, showed {him} the new models for an hour.",
  };

  static final String[] SERVICE_ISSUES = {
    "a rattle from the front axle",
    "the recall on the brake hoses",
    "a warning light after the" + " inspection",
    "the air conditioning smelling musty",
    "the battery draining overnight",
    "a software update that reset {his} settings"
  };

  static final String[] SERVICE_DETAILS = {
    "Explained step by step what the workshop found and what it means for safety.",
    "{He} was worried about driving {kid} to school in the meantime; offered a courtesy car.",
    "Went through the invoice line by line; the labour was within the warranty.",
    "Checked with the workshop during the call: the part arrives on {weekday}.",
    "{He} had read alarming things online; we went through what applies to {his} car and what"
        + " does not.",
    "Agreed that we collect the car from {his} home and bring it back the same evening.",
    "Promised to call back myself, not the hotline, once the car is ready.",
    "{He} thanked me for taking the time; the last dealer never explained anything.",
  };

  static final String[] GREETINGS = {"Hi {first},", "Dear {first},", "Hello {first},", "{first},"};

  /** Stock openers that personal e-mails share with templates. */
  static final String[] STOCK_OPENERS = {
    "I hope this e-mail finds you well.",
    "I hope you are doing well!",
    "Thank you for being a valued customer.",
  };

  static final String[] EMAIL_SUBJECTS = {
    "Your {model}",
    "Great to talk",
    "{kid}'s news",
    "Following up",
    "From {rep_first}",
    "As promised",
    "A quick note",
    "Re: our call"
  };

  /** A rep's habitual closing line: the same in all that rep's personal e-mails. */
  static final String[] REP_HABITS = {
    "Always a pleasure talking to you.",
    "Let me know if there is anything I can do.",
    "Give me a call anytime.",
    "Talk soon!",
    "All the best to the family.",
    "Enjoy the rest of the week.",
  };

  /** Personal e-mails that read alike across customers: a rep's stock phrase around names. */
  static final String[] LOOK_ALIKES = {
    "great to see you and {spouse} at the test-drive weekend! Enjoy the new {model}.",
    "thanks again for coming by on {weekday}, it was good to catch up.",
  };

  static final String[] SHORT_TEXTS = {
    "Congrats to {kid}!", "Good luck, {first}!", "Enjoy {place}, {first}!",
        "Happy birthday, {first}!",
    "Get well soon!", "Say hi to {spouse}!", "Safe trip home!", "Thanks, {first}!",
  };

  static final String[] PICKUP_CHATS = {
    "{item} again, asked about {event}",
    "asked about {event}, says {spouse} joins next time",
    "chatted about {kid}'s exams",
    "back from {place}, looked tanned",
    "talked {hobby} for a minute",
    "said the {pet} is doing better",
    "in a hurry, quick hello about {topic}",
    "asked about {topic}",
    "{first} showed photos from {place}",
    "flat white, wished {spouse} a happy birthday",
  };

  static final String[] REPLIES = {
    "Thanks {rep_first}! {sentence}",
    "Hi {rep_first}, thank you for thinking of us. {sentence}",
    "Thank you, that's kind. {sentence} Best, {first}",
    "{sentence} Thanks for the note!",
  };

  static final String[] REPLY_SENTENCES = {
    "{spouse} says hello.", "We'll come by next week.", "Yes, {weekday} works for me.",
    "The {model} is fine, no worries.", "{kid} was thrilled.", "Could you call me tomorrow?",
    "Please send the quote.", "We are back from {place} now.",
  };

  static final String[] INBOUND_CALLS = {
    "{first} called about the service appointment, moved it to {weekday}.",
    "{first} called with a question on the last invoice; explained the labour charges.",
    "{first} rang because {spouse}'s {spouse_model} makes a noise when braking.",
    "{first} called to ask whether we still have the {model} in grey.",
    "Inbound: {first} wanted to talk about {topic}.",
    "{first} called, the app did not accept {his} card; walked {him} through it.",
  };

  static final String[] WALK_INS = {
    "{first} dropped by the showroom with {spouse} to look at the new models.",
    "{first} walked in to ask about catering for {kid}'s birthday.",
    "{first} came by without appointment about the {model}'s warning light.",
    "{first} stopped at the counter to ask for the loyalty card.",
  };

  /** What customers write to the service inbox: subject, body. */
  static final String[][] INQUIRIES = {
    {
      "Question about my invoice",
      "Hello, I have a question about the last invoice. Could someone call me? {first} {last}"
    },
    {"Appointment", "Hi, can I move my appointment to {weekday}? Thanks, {first}"},
    {"Opening hours", "Are you open on the public holiday? Regards"},
    {"Lost umbrella", "I think I left my umbrella at the counter yesterday. {first}"},
    {"App login", "The app keeps logging me out since the update. What can I do?"},
    {"Catering request", "Do you do coffee catering for about 20 people? {first} {last}"},
  };

  /**
   * A busy rep's own phrasing of a quick text: each rep uses a few of these for years, around the
   * customer's topic, so that one rep's personal texts to different customers share most of their
   * words.
   */
  static final String[] REP_PHRASES = {
    "Hi {first}! Any news on {topic}?",
    "{first}, just checking in about {topic}. Let me know!",
    "Quick one, {first}: how is {topic} going?",
    "Hey {first}, sorry I missed you. About {topic}: call me when you can.",
    "Thinking of you and {topic}, {first}. Shout if you need anything!",
    "Hi {first}, asked the workshop about {topic} again, will let you know.",
    "{first}! Good news on {topic}, I'll ring you later.",
    "Morning {first}, did you get a chance to think about {topic}?",
    "Hi {first}, all set for {topic}? Anything I can do, just text me.",
  };

  /**
   * What a busy rep's quick text is about: the customer's own life and car, two facts at a time, as
   * a rep who knows the family writes it.
   */
  static final String[] SPECIFIC_TOPICS = {
    "{event} with {spouse}",
    "the trip to {place} with the {pet}",
    "{spouse}'s start at {job}",
    "the {item} you wanted for {event}",
    "a trailer for {spouse}'s {spouse_model}",
    "the {model} for {place} at the weekend",
    "{kid}'s {hobby} and the {item}",
    "the {model} and {event}",
    "{spouse}'s trip to {hometown}",
    "a roof rack for {place}",
    "the {pet} and the drive to {hometown}",
    "{hobby} in {place}",
  };

  /** A busy rep's sign-off under a text: the same in all that rep's texts. */
  static final String[] REP_SIGNOFFS = {
    "Cheers, {rep_first}",
    "- {rep_first}",
    "Best, {rep_first}",
    "{rep_first} from the showroom",
    "",
    "Speak soon, {rep_first}",
  };
}
