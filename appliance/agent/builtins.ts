/**
 * Built-in intents every agent understands, with example phrases (for nearest-neighbour
 * matching) and keyword cues (lexical features). Custom intents and FAQ questions join them at
 * index time. Labels complete "Did you want ... or ...?" when the engine must ask.
 */

export const builtinIntentNames = [
  'greeting',
  'thanks',
  'affirm',
  'deny',
  'goodbye',
  'repeat',
  'hours',
  'location',
  'contact',
  'transfer',
  'take_message',
  'out_of_scope',
] as const;
export type BuiltinIntent = (typeof builtinIntentNames)[number];

/** Intents decided outside the classifier: answered from FAQ/knowledge, a clarifying question, refusals. */
export const derivedIntents = [
  'question',
  'clarify',
  'unknown',
  'refuse',
  'silence',
  'dtmf',
  'urgent',
] as const;

export interface BuiltinDef {
  name: BuiltinIntent;
  label: string;
  examples: string[];
  /** A match adds `cueWeight` to the intent's score. */
  cue?: RegExp;
  cueWeight?: number;
  /** Small-talk helpers only win on short utterances; a long sentence is about something else. */
  helper?: boolean;
}

export const builtins: readonly BuiltinDef[] = [
  {
    name: 'greeting',
    label: 'to say hello',
    helper: true,
    examples: ['hello', 'hi there', 'good morning', 'good afternoon', 'hey', 'good evening'],
    cue: /^(hi|hello|hey|hiya|good (morning|afternoon|evening))\b/,
  },
  {
    name: 'thanks',
    label: 'to say thanks',
    helper: true,
    examples: ['thank you', 'thanks a lot', 'thanks', 'cheers', 'great thank you', 'that is helpful thanks'],
    cue: /\b(thanks?|thank you|cheers|appreciate it)\b/,
  },
  {
    name: 'affirm',
    label: 'yes',
    helper: true,
    examples: ['yes', 'yes please', 'yeah', 'sure', 'correct', 'that is right', 'ok', 'yep', 'please do'],
    cue: /^(yes|yeah|yep|yup|sure|correct|right|ok|okay|please do|that is right|absolutely|definitely)\b/,
  },
  {
    name: 'deny',
    label: 'no',
    helper: true,
    examples: ['no', 'no thanks', 'nope', 'not really', 'no that is wrong', 'never mind'],
    cue: /^(no|nope|nah|not really|never ?mind|wrong)\b/,
  },
  {
    name: 'goodbye',
    label: 'to end the call',
    examples: [
      'goodbye',
      'bye',
      'that is all thanks bye',
      'nothing else goodbye',
      'I have to go',
      'no that is everything bye',
      'have a nice day bye',
    ],
    cue: /\b(bye|goodbye|good bye|that is all|that is everything|nothing else|i have to go|hang up)\b/,
    cueWeight: 0.45,
  },
  {
    name: 'repeat',
    label: 'me to repeat that',
    examples: [
      'can you repeat that',
      'say that again',
      'sorry I did not catch that',
      'pardon',
      'come again',
      'what did you say',
      'repeat please',
    ],
    cue: /\b(repeat|say (that|it) again|pardon|did not (catch|hear|get) (that|it|you)|come again|what did you say)\b/,
    cueWeight: 0.45,
  },
  {
    name: 'hours',
    label: 'our opening hours',
    examples: [
      'what are your opening hours',
      'when are you open',
      'what time do you open',
      'what time do you close',
      'are you open today',
      'are you open on sunday',
      'how late are you open',
      'what are your hours',
      'when do you close tonight',
      'are you open now',
      'what time do you open tomorrow',
      'are you open at the weekend',
    ],
    cue: /\b(hours|open|opening|close|closing|closed|what time)\b/,
    cueWeight: 0.3,
  },
  {
    name: 'location',
    label: 'our address',
    examples: [
      'where are you located',
      'what is your address',
      'how do I find you',
      'where is the restaurant',
      'how do I get there',
      'where are you',
      'what street are you on',
      'directions please',
    ],
    cue: /\b(where are you|whereabouts|address|post ?code|zip code|located|location|directions|find you|get (there|to you)|what street)\b/,
    cueWeight: 0.3,
  },
  {
    name: 'contact',
    label: 'our phone number or email',
    examples: [
      'what is your phone number',
      'what is your email address',
      'how can I contact you',
      'what is your website',
      'can I email you',
    ],
    cue: /\b(phone number|email|e mail|website|web site|contact you|your number)\b/,
    cueWeight: 0.3,
  },
  {
    name: 'transfer',
    label: 'to speak with someone',
    examples: [
      'can I speak to a human',
      'I want to talk to a real person',
      'put me through to someone',
      'transfer me please',
      'can I speak to the manager',
      'operator',
      'connect me to a member of staff',
      'I would like to talk to someone',
      'let me speak with a person',
    ],
    cue: /\b(human|real person|a person|someone|somebody|operator|representative|manager|receptionist|staff|transfer|put me through|connect me|speak (to|with)|talk (to|with))\b/,
    cueWeight: 0.3,
  },
  {
    name: 'take_message',
    label: 'to leave a message',
    examples: [
      'I would like to leave a message',
      'can I leave a message',
      'please take a message',
      'can someone call me back',
      'I want a callback',
      'please ask them to call me back',
      'tell them I called',
    ],
    cue: /\b(message|call me back|callback|call back|ring me back|voicemail|get back to me)\b/,
    cueWeight: 0.35,
  },
  {
    name: 'out_of_scope',
    label: 'something else',
    examples: [
      'what is the weather like tomorrow',
      'tell me a joke',
      'who won the football game last night',
      'what is the capital of france',
      'write me a poem',
      'what do you think about politics',
      'can you help me with my homework',
      'what is the meaning of life',
      'recommend me a movie',
    ],
    cue: /\b(weather|joke|poem|football|politics|president|homework|capital of|meaning of life|movie|stock market|bitcoin|lottery)\b/,
    cueWeight: 0.35,
  },
];

/** Prompt injection and requests to fabricate: refused by rule before any model sees them. */
export const adversarialCue =
  /\b(ignore (all |your |the |any )?(previous |prior |above )?(instructions|rules|prompt)|system prompt|your (instructions|prompt|rules)|developer mode|jailbreak|pretend (to be|you are)|act as (an?|if)|you are now|make up|invent|fake|forget (everything|your instructions)|disregard|reveal your|what model are you|roleplay|role play)\b/;
