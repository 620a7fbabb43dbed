/**
 * How callers say what businesses write: everyday phrases mapped to the words a trade's own
 * documents use for the same thing ("pull a tooth" -> extraction, "put down to lock in the
 * date" -> deposit, "in charge of the kitchen" -> chef). WordNet relates single words; these
 * are phrases and trade usage it does not hold. Written from general knowledge of small service
 * businesses (clinics, trades, garages, salons, restaurants, studios, offices), not from any
 * test question, and kept broader than the trades the suites use.
 *
 * An entry counts for a business only where its documents use one of the entry's words: the
 * phrase then also asks for those words (answer-select's subjectWords). Where they do not, the
 * caller's words are read as they are, so a thing the business does not offer still gets an
 * honest "I don't have that". Meanings are the thing itself, never a neighbour (whitening is
 * not cleaning), so a price is never taken from another item through an entry.
 *
 * Patterns run over normalize()d text: lower case, "'s" dropped, other punctuation (hyphens
 * too) as spaces, contractions expanded ("does not", "can not").
 */

export interface Idiom {
  /** The caller's phrase, over normalized text; matched at word boundaries. */
  readonly when: RegExp;
  /** The documents' words for it (lemmas; a multi-word entry is one term, see book.idiom). */
  readonly means: readonly string[];
}

const e = (when: string, ...means: string[]): Idiom => ({ when: new RegExp(`\\b(?:${when})\\b`), means });

/** What businesses of every kind get asked about their policies and premises. */
const general: Idiom[] = [
  e(
    'penalty|fine|(?:fee|charge|charged|pay) (?:if|when) (?:i|we) (?:cancel|do not (?:turn up|show|come))|no show|miss (?:my|an|the) (?:appointment|booking)|do not turn up',
    'cancellation fee',
    'cancellation',
    'no show',
    'missed',
  ),
  e('bank holidays?|public holidays?|christmas|new year|easter|holidays', 'holiday', 'holidays', 'christmas'),
  e(
    'interpreter|translator|sign language|speak (?:spanish|french|polish|german|italian|portuguese|arabic|chinese|hindi|urdu)|other languages?',
    'interpreter',
    'languages',
    'language',
    'speak',
  ),
  e(
    'how long have you been|been (?:around|going|open|in business)|established|since when',
    'established',
    'since',
    'founded',
    'years',
  ),
  e('wi ?fi|internet access', 'wifi', 'wi fi', 'internet'),
  e('toilets?|restrooms?|bathrooms? for (?:customers|guests)|loo', 'toilet', 'toilets', 'restroom'),
  e(
    '(?:bring|bringing) (?:my|our|the) (?:dog|dogs|pet|pets)|dog friendly|pets allowed|dogs allowed',
    'dog friendly',
    'dogs',
    'pets',
  ),
  e('high ?chairs?|baby chang\\w*|pushchair|stroller', 'high chair', 'high chairs', 'baby'),
  e(
    '(?:free|no obligation) (?:quote|estimate|look)|how much (?:to|for you to) (?:come out|come and look|have a look)|just to come out|call ?out (?:fee|charge)',
    'call out',
    'callout',
    'visit fee',
    'diagnostic',
  ),
  e(
    'collect (?:my|the) (?:car|van|pet|dog)|pick (?:my|the) (?:car|van) up|pick up (?:my|the) (?:car|van)|deliver (?:it|the car) back',
    'collection',
    'collect',
    'delivery',
    'pick up',
  ),
  e('wait (?:while|for it|there)|(?:a )?waiting (?:room|area)', 'waiting', 'wait', 'while you wait'),
];

/** People and roles: who does what. */
const roles: Idiom[] = [
  e(
    'in charge|runs (?:the|this) (?:place|business|kitchen|shop|practice|office)|head of|the boss',
    'head',
    'manager',
    'owner',
    'director',
    'lead',
    'principal',
  ),
  e(
    '(?:owns|owner of|set up|started|founded) (?:the|this|your) (?:practice|business|company|shop|salon|clinic|garage|restaurant|place)',
    'owner',
    'founder',
    'principal',
    'founded',
  ),
  e(
    'runs the kitchen|(?:in|of) the kitchen|kitchen staff|cooks the food|does the cooking',
    'chef',
    'kitchen',
    'cook',
  ),
  e(
    '(?:sets up|makes|books|handles|deals with|looks after|takes care of) (?:the )?(?:appointments|bookings|booking|schedule|diary)',
    'reception',
    'receptionist',
    'bookings',
    'scheduling',
    'coordinator',
    'booking',
  ),
  e(
    'money side|(?:deals with|handles|looks after|in charge of|ask about|talk to about|speak to about) (?:the )?(?:money|bills|billing|invoices|accounts|payments|finances)',
    'billing',
    'accounts',
    'finance',
    'invoices',
    'payments',
  ),
  e(
    '(?:give|get|gives|do|does|write|writes) (?:me )?(?:a )?(?:quote|quotes|estimate|estimates|price for the job)',
    'quote',
    'quotes',
    'estimate',
    'estimates',
    'service advisor',
  ),
  e(
    '(?:treats|sees|good with|works with|specialises in|specializes in) (?:kids|children|little ones|young people)',
    'children',
    'paediatric',
    'pediatric',
    'child',
    'kids',
  ),
  e(
    '(?:straighten|straightening|straighter|crooked) (?:my |her |his |their )?(?:daughter |son |child |kid )?teeth|braces|aligners',
    'orthodontic',
    'orthodontics',
    'orthodontist',
    'braces',
    'aligners',
  ),
  e(
    'cheaper (?:stylist|person|someone|option)|someone cheaper|less experienced|junior',
    'junior',
    'graduate',
    'trainee',
    'apprentice',
  ),
];

/** Money: deposits, instalments, refunds, gift vouchers, insurance, discounts. */
const money: Idiom[] = [
  e(
    'put down|lock in|to (?:secure|hold|reserve) (?:the|a|my|our) (?:date|booking|table|slot|place|spot)|up front|upfront',
    'deposit',
    'upfront',
  ),
  e(
    'spread (?:the )?(?:cost|payment|payments|bill)|pay (?:it )?(?:in|by) (?:parts|bits|stages|installments|instalments)|pay (?:it )?(?:off )?(?:over time|monthly|each month|over a few months)|split (?:the )?(?:cost|payment|bill) (?:up )?over',
    'instalment',
    'installment',
    'payment plan',
    'finance',
    'monthly',
  ),
  e('money back|get (?:a|my|our) refund|refund', 'refund', 'refundable', 'refunded'),
  e(
    '(?:as )?an? (?:gift|present)|(?:birthday|christmas) present|gift',
    'voucher',
    'gift',
    'gift card',
    'certificate',
  ),
  e(
    '(?:pay|paying) (?:by|with|in) (?:card|cash|cheque|check|credit card|debit card|phone|apple pay|contactless)|take cards|accept cards|payment methods?',
    'card',
    'cash',
    'contactless',
    'payment',
  ),
  e(
    'insurance|insurer|insured|covered by (?:my|your|the) (?:plan|policy|insurance)',
    'insurance',
    'insurer',
    'insured',
    'claim',
  ),
  e(
    '(?:pension|pensioner|pensioners|senior citizen|senior citizens|oap|retired|over 60|over 65|elderly)',
    'senior',
    'seniors',
    'concession',
    'pensioner',
    'over 65',
    'over 60',
  ),
  e('students?', 'student', 'students', 'concession'),
  e('discount|cheaper|money off', 'discount', 'discounts', 'concession', 'reduced'),
  e(
    '(?:pay|paying) (?:straight away|right away|on the day|at the end|afterwards|after|when)|when (?:do|should|will) (?:i|we) pay|pay before',
    'payment',
    'due',
    'payable',
  ),
  e(
    '(?:certified|qualified|accredited|registered|licensed|licenced|properly trained|proper trade)',
    'licensed',
    'licence',
    'license',
    'certified',
    'accredited',
    'registered',
    'qualified',
  ),
  e(
    '(?:covered|protected) if (?:something|anything|it) goes wrong|liability',
    'insured',
    'insurance',
    'liability',
  ),
  e(
    'guarantee|guaranteed|warranty|if (?:it|something|the repair) (?:goes wrong|breaks|fails) again',
    'guarantee',
    'warranty',
    'guaranteed',
  ),
];

/** Time, booking and visits. */
const visits: Idiom[] = [
  e(
    '(?:at|during the|in the middle of the|late at|that) night|overnight|after hours|out of hours|after (?:you|you have|you are) close|when (?:you are|you re) closed',
    'out of hours',
    'after hours',
    'emergency',
    'night',
    '24 hours',
  ),
  e(
    'walk in|drop in|pop in|just turn up|just show up|without (?:an )?(?:appointment|booking)',
    'walk in',
    'walk ins',
    'without an appointment',
  ),
  e(
    '(?:seen|see me|fit me in|come) today|same day|at short notice|as soon as possible|asap',
    'same day',
    'same-day',
    'emergency',
    'urgent',
    'today',
  ),
  e(
    'call off|can not make it|cannot make it|not able to make it|reschedule|move (?:my|the|our) (?:appointment|booking)|change (?:my|the|our) (?:appointment|booking)',
    'cancel',
    'cancellation',
    'reschedule',
    'notice',
  ),
  e(
    '(?:running|a bit|bit|be|am|was|turn up) (?:a bit |a little |very )?(?:late|behind)',
    'late',
    'lateness',
    'arrive',
  ),
  e(
    '(?:come|comes|visit|get) (?:out )?to (?:my|our|the) (?:house|home|place|flat|door)|(?:house|home) (?:call|calls|visit|visits)|come to me|come out to (?:me|us)',
    'home visit',
    'home visits',
    'mobile',
    'house call',
    'visit',
  ),
  e(
    'online (?:appointment|appointments|consultation|session|visit|call)|video (?:call|appointment|consultation)|over (?:zoom|the internet|video)|remotely',
    'online',
    'video',
    'virtual',
    'remote',
    'telehealth',
  ),
  e(
    'first (?:time|visit|appointment)|never been (?:before|to you)|new (?:patient|client|customer)',
    'new patient',
    'new client',
    'first visit',
    'initial',
    'first appointment',
  ),
  e(
    '(?:bring|have) with (?:me|us)|need to bring|should (?:i|we) bring|what to bring',
    'bring',
    'records',
    'vaccination records',
    'documents',
    'history',
  ),
  e(
    'party of|group of|big group|large group|(?:a )?(?:10|ten|12|twelve|15|fifteen|20|twenty) (?:of us|people|guests)',
    'group',
    'groups',
    'party',
    'parties',
    'large',
  ),
];

/** Getting there: parking, access, transport. */
const access: Idiom[] = [
  e('park|parking|leave (?:my|the|our) car (?:when|while)', 'parking', 'car park', 'park'),
  e(
    'wheelchair|step free|disabled|disability|mobility|pram|buggy|stairs|get up to',
    'wheelchair',
    'accessible',
    'access',
    'step free',
    'ramp',
    'lift',
    'stairs',
    'ground floor',
  ),
  e('bus|by train|tube|public transport|station', 'bus', 'train', 'station'),
];

/** Food and diets. */
const food: Idiom[] = [
  e(
    'animal products|no (?:meat|animal) (?:or|and) (?:dairy|eggs)|plant based|does not eat (?:meat|any meat)',
    'vegan',
    'plant based',
    'vegetarian',
  ),
  e('coeliac|celiac|wheat|gluten', 'gluten', 'gluten free', 'coeliac', 'celiac'),
  e(
    '(?:pea)?nuts?|allergy|allergies|allergic|anaphyla\\w*',
    'allergy',
    'allergies',
    'allergen',
    'allergens',
    'nut',
    'nuts',
  ),
  e('dairy|lactose|milk', 'dairy', 'lactose', 'dairy free'),
  e('halal|kosher', 'halal', 'kosher'),
  e('(?:kids|children|child) (?:menu|portions|meals)', 'children', 'kids', 'child'),
  e(
    'take ?away|takeout|carry out|collect (?:the )?food|pick up (?:the )?food',
    'takeaway',
    'take away',
    'collection',
  ),
  e('deliver (?:the )?food|food delivered|(?:bring|send) (?:the )?food (?:to|over)', 'delivery', 'deliver'),
  e('book a table|reserve a table|reservation|table for', 'booking', 'reservation', 'reservations', 'book'),
  e(
    'private (?:room|dining|party|function)|function room|hire (?:the|your) (?:restaurant|room|place|venue)|exclusive (?:use|hire)',
    'private',
    'function',
    'hire',
    'exclusive',
    'private dining',
  ),
  e('outside|outdoors?|terrace|garden|patio|al fresco', 'terrace', 'garden', 'outdoor', 'outside', 'patio'),
  e('lunch (?:deal|menu|special)|set lunch|cheap lunch', 'set lunch', 'lunch menu', 'lunch', 'set menu'),
  e('tip|tips|tipping|gratuity|service charge', 'service charge', 'gratuity', 'tip', 'tips'),
  e(
    'cater\\w*|food for (?:a|my|our) (?:party|event|wedding|office)|(?:office|work) (?:party|lunch|event)',
    'catering',
    'cater',
  ),
  e('dress code|what (?:should|do) (?:i|we) wear|smart casual|jeans', 'dress code', 'dress', 'smart casual'),
  e('live music|band|dj|entertainment', 'music', 'live music', 'entertainment'),
  e('(?:bring|bringing) (?:a|our|my) (?:own )?(?:birthday )?cake|cakeage', 'cake', 'cakeage', 'cakes'),
  e('(?:bring|bringing) (?:our|my) own (?:wine|drink|drinks|bottle)|byo', 'corkage', 'byo', 'own wine'),
  e(
    '(?:order|choose) (?:the food |the menu )?(?:ahead|beforehand|in advance)',
    'pre order',
    'set menu',
    'in advance',
  ),
];

/** Clinics: dental, medical, physio, veterinary. */
const clinics: Idiom[] = [
  e(
    'pull (?:a|my|the|out a|out my) tooth|(?:tooth|teeth) (?:out|pulled|removed|taken out)|take (?:a|my) tooth out',
    'extraction',
    'extractions',
    'removal',
  ),
  e(
    'teeth (?:cleaned|cleaning|polished|clean)|scale and polish|clean (?:my )?teeth|plaque|tartar',
    'hygienist',
    'hygiene',
    'scale',
    'polish',
    'cleaning',
  ),
  e('bleach\\w*|whiter|brighter|whiten\\w*', 'whitening'),
  e('hole in (?:a|my|the) tooth|cavity|cavities|decay', 'filling', 'fillings'),
  e(
    'so it does not show|tooth coloured|tooth colored|white (?:one|filling)|invisible',
    'white',
    'composite',
    'tooth coloured',
    'tooth colored',
  ),
  e(
    'knock (?:me|him|her) out|put (?:me|him|her) to sleep|(?:be )?asleep|sedat\\w*|general anaesthetic|general anesthetic|nervous|terrified|scared',
    'sedation',
    'sedated',
    'anaesthetic',
    'anesthetic',
    'nervous',
  ),
  e(
    '(?:in (?:a lot of )?pain|killing me|toothache|tooth ache|really hurts|swollen|abscess|broken tooth|knocked out)',
    'emergency',
    'urgent',
    'pain',
  ),
  e('rub down|rubdown|massage', 'massage'),
  e(
    'stiff neck|bad back|back pain|neck pain|sore back|slipped disc',
    'neck',
    'back',
    'spine',
    'spinal',
    'musculoskeletal',
  ),
  e(
    '(?:sports|running|marathon|gym|football) injur\\w*|after (?:my|a|the) (?:marathon|race|game|match|run)',
    'sports',
    'sport',
    'massage',
    'injury',
  ),
  e(
    'chip (?:in|for|put in) (?:my |the |our |a )?(?:dog|cat|puppy|kitten|pet)|chipped|chip put in',
    'microchip',
    'microchipping',
    'microchipped',
  ),
  e('jabs?|shots?|boosters?|vaccinat\\w*|inocula\\w*', 'vaccination', 'vaccinations', 'vaccine', 'booster'),
  e('spay\\w*|(?:get|have) her (?:done|fixed)', 'spaying', 'spay'),
  e(
    'neuter\\w*|castrat\\w*|(?:get|have) him (?:done|fixed|snipped)|the snip',
    'neutering',
    'neuter',
    'castration',
    'castrate',
  ),
  e(
    '(?:nails?|claws?) (?:cut|clipped|trimmed|done)|clip (?:his|her|their) (?:nails|claws)',
    'nail',
    'claw',
    'clipping',
  ),
  e('worm\\w*|flea\\w*|tick treatment', 'worming', 'flea', 'parasite'),
  e('put (?:him|her|it|them|my \\w+) (?:to sleep|down)|euthanas\\w*|pass (?:away )?peacefully', 'euthanasia'),
  e('desex\\w*', 'neutering', 'neuter', 'spaying', 'spay'),
  e(
    'board\\w*|kennel\\w*|cattery|(?:look after|mind|keep) (?:my|our) (?:dog|cat|pet|pets) (?:while|when)',
    'boarding',
    'kennels',
    'cattery',
  ),
  e('groom\\w*|(?:bath|wash|haircut) for (?:my|the|our) (?:dog|cat|pet)', 'grooming', 'groom', 'bath'),
  e('x ?rays?|scans?|ultrasound|imaging', 'x ray', 'x-ray', 'xray', 'ultrasound', 'imaging', 'radiograph'),
  e('blood (?:test|tests|work)|lab (?:test|tests|work)', 'blood', 'laboratory', 'lab', 'tests'),
  e(
    '(?:repeat |more |refill (?:my |the )?)?(?:prescription|prescriptions|meds|medication|medicine|tablets|pills)',
    'prescription',
    'prescriptions',
    'medication',
    'repeat',
  ),
  e('rabbits?|guinea pigs?|hamsters?|ferrets?|gerbils?', 'small animals', 'small pets'),
  e(
    'birds?|parrots?|budgies?|reptiles?|snakes?|lizards?|tortoises?|turtles?',
    'exotic',
    'exotics',
    'avian',
    'reptile',
    'reptiles',
  ),
  e(
    '(?:travel|go|going|take (?:him|her|them|my \\w+)) abroad|pet passport|animal health certificate',
    'passport',
    'travel',
    'abroad',
    'certificate',
  ),
  e('caps?|crowns?', 'crown', 'crowns'),
  e('false teeth|dentures?|(?:a )?plate', 'denture', 'dentures'),
  e(
    'implants?|screw in (?:a )?(?:tooth|teeth)|replace (?:a )?missing tooth|new tooth',
    'implant',
    'implants',
  ),
  e('root canal|(?:the )?nerve|endodontic\\w*', 'root canal', 'endodontic', 'endodontics'),
  e(
    'gums? (?:bleed\\w*|disease|problems?|receding)|bleeding gums|gum disease',
    'gum',
    'gums',
    'periodontal',
    'periodontics',
    'hygienist',
  ),
  e(
    'grind\\w*|clench\\w*|mouth ?guard|night ?guard|gum ?shield',
    'night guard',
    'mouthguard',
    'mouth guard',
    'guard',
    'grinding',
  ),
  e(
    'first (?:session|assessment)|initial (?:session|visit)',
    'initial assessment',
    'initial',
    'assessment',
    'first',
  ),
  e(
    'follow up|next (?:session|visit|appointment)|further (?:sessions|treatment)',
    'follow up',
    'follow-up',
    'subsequent',
  ),
  e('needles?|needling', 'dry needling', 'needling', 'acupuncture'),
  e('exercise class\\w*|rehab class\\w*|strengthening class\\w*', 'pilates', 'class', 'classes'),
  e('referral|(?:gp|doctor) (?:letter|note|referral)|need a (?:referral|letter)', 'referral', 'refer', 'gp'),
  e(
    'after (?:my|an|the) (?:operation|surgery|op)|knee replacement|hip replacement|post op',
    'post operative',
    'post-operative',
    'rehabilitation',
    'rehab',
  ),
  e(
    'sprain\\w*|twisted (?:my )?(?:ankle|knee|wrist)|pulled (?:a )?muscle|tennis elbow|frozen shoulder',
    'injury',
    'injuries',
    'musculoskeletal',
  ),
  e(
    'check up|checkup|once over|looked over|routine (?:visit|appointment)|normal (?:visit|appointment)',
    'check up',
    'examination',
    'exam',
    'consultation',
    'assessment',
    'inspection',
  ),
];

/** Trades: plumbing, heating, cooling, electrics, garages. */
const trades: Idiom[] = [
  e(
    '(?:blocked|clogged|backed up|unblock\\w*|unclog\\w*|not draining|won t drain|will not drain)(?: \\w+)?(?: (?:sink|drain|toilet|loo|pipe|shower|bath))?',
    'drain',
    'drains',
    'unblocking',
    'blockage',
    'clearance',
    'blocked',
  ),
  e(
    'leak\\w*|dripping|burst (?:pipe|main)|water everywhere|flood\\w*',
    'leak',
    'leaks',
    'burst',
    'emergency',
  ),
  e(
    '(?:yearly|annual|once a year|every year) (?:check|check up|checkup|look|inspection)|(?:boiler|furnace|heating) (?:check|check up|checkup)',
    'service',
    'servicing',
    'annual',
    'inspection',
    'maintenance',
  ),
  e(
    'no (?:heat|heating|hot water)|boiler (?:broke|broken|not working|stopped|died)|cold radiators',
    'boiler',
    'heating',
    'repair',
    'breakdown',
  ),
  e(
    '(?:ac|aircon|air con|air conditioning|cooling) (?:checked|serviced|ready|check|tune|topped up|top up|regas|re gas|recharge)|blowing warm|not cold',
    'tune up',
    'regas',
    're gas',
    'recharge',
    'air conditioning',
    'service',
  ),
  e(
    '(?:warning|engine|orange|amber|yellow|red) (?:light|symbol)|(?:light|symbol) (?:on|lit up on) (?:my|the) dash\\w*|dashboard|find out what is wrong',
    'diagnostic',
    'diagnostics',
    'warning light',
    'fault',
  ),
  e(
    '(?:wheels|tyres|tires) (?:lined up|aligned|straight)|pulls to (?:one side|the left|the right)|tracking',
    'alignment',
    'tracking',
    'wheel alignment',
  ),
  e(
    'discs? and pads?|brake pads?|brake discs?|brakes? (?:squeal\\w*|grind\\w*)',
    'brake',
    'brakes',
    'pads',
    'discs',
  ),
  e(
    '(?:mechanic|mechanics|labour|labor|technician|your guys|workers|engineer)(?:s)? (?:time|hour|hours|rate)|(?:per|by the|each|an) hour (?:on the job|of work)',
    'labour',
    'labor',
    'hourly',
    'rate',
    'per hour',
  ),
  e(
    '(?:leave|store|keep) (?:my|the) car (?:with you|there|here)|storage|after it is done',
    'storage',
    'per day',
    'daily',
  ),
  e(
    'something to drive|courtesy|loan car|replacement car|hire car',
    'courtesy',
    'courtesy car',
    'loan',
    'loan car',
  ),
  e('dents?|dented|scratch(?:es|ed)?|bodywork|body work', 'bodywork', 'body work', 'dent', 'panel', 'paint'),
  e(
    'drop (?:the|my) (?:car|keys|van) (?:off )?(?:late|early|out of hours)|key drop|drop box|(?:late at night|early morning) (?:drop|how does that work)',
    'key drop',
    'drop box',
    'keys',
    'key',
  ),
  e('mot|roadworthy|road worthy|safety inspection|state inspection', 'mot', 'inspection', 'safety'),
  e('gearbox|transmission|clutch', 'gearbox', 'transmission', 'clutch'),
  e('flat tyre|flat tire|punctures?|nail in (?:my|the) (?:tyre|tire)', 'puncture', 'puncture repair'),
  e(
    'new tyres?|new tires?|replace (?:my|the) (?:tyres?|tires?)',
    'tyre fitting',
    'tire fitting',
    'new tyres',
    'new tires',
    'tyre replacement',
    'tire replacement',
  ),
  e(
    'hot water (?:tank|cylinder|heater)|water heater|immersion',
    'water heater',
    'cylinder',
    'tank',
    'immersion',
  ),
  e(
    'radiators? (?:cold|not working|not heating)|bleed (?:the|my) radiators?|power ?flush',
    'radiator',
    'radiators',
    'power flush',
    'powerflush',
  ),
  e('smell (?:of )?gas|gas leak|gas smell', 'gas', 'emergency', 'leak'),
  e('toilet (?:running|not flushing|will not flush|keeps running)|cistern', 'toilet', 'cistern', 'flush'),
  e(
    '(?:tap|faucet)s? (?:dripping|leaking|broken)|dripping (?:tap|faucet)',
    'tap',
    'taps',
    'faucet',
    'faucets',
  ),
  e(
    'new bathroom|fit (?:a|my|the) (?:shower|bath|bathroom)|bathroom (?:fitting|refit|installation)',
    'bathroom',
    'installation',
    'install',
    'fitting',
  ),
  e(
    'new boiler|replace (?:my|the|our) boiler|boiler (?:replacement|swap)',
    'installation',
    'replacement',
    'install',
    'new boiler',
  ),
  e('thermostat|heating controls?|smart (?:heating|control)', 'thermostat', 'controls'),
  e('oil (?:change|and filter)|change (?:the|my) oil', 'oil', 'oil change', 'filter'),
  e(
    'full service|interim service|(?:car|van) service|major service',
    'service',
    'servicing',
    'full service',
    'interim',
  ),
  e('exhaust|silencer|muffler', 'exhaust', 'silencer', 'muffler'),
  e('cam ?belt|timing belt|timing chain', 'timing belt', 'cambelt', 'belt'),
  e(
    'windscreen|windshield|chip in (?:the|my) (?:glass|screen)|cracked (?:glass|screen)',
    'windscreen',
    'windshield',
    'glass',
  ),
  e(
    '(?:car|van|it) (?:will not|does not|would not) start|flat battery|dead battery|jump ?start',
    'battery',
    'jump start',
  ),
  e(
    'electric (?:car|cars|vehicle|vehicles)|hybrids?|\\bevs?\\b|tesla',
    'electric',
    'hybrid',
    'hybrids',
    'ev',
  ),
  e('tow\\w*|recovery|broken down|break down|breakdown', 'towing', 'tow', 'recovery', 'breakdown'),
  e(
    'fuse box|consumer unit|rewir\\w*|sockets? (?:not working|dead)|power (?:cut|out)',
    'electrical',
    'rewire',
    'consumer unit',
    'fuse',
  ),
];

/** Hair and beauty. */
const salon: Idiom[] = [
  e(
    '(?:lady|ladies|women|woman)(?: s)? (?:haircut|hair cut|cut)(?: and (?:style|styling|blow dry))?',
    'women',
    'ladies',
    'cut',
    'blow dry',
    'blow-dry',
  ),
  e(
    '(?:men|man|gents|gentleman)(?: s)? (?:haircut|hair cut|cut)|short back and sides|fade|clipper\\w*|barber\\w*',
    'men',
    'gents',
    'barber',
    'clipper',
    'fade',
  ),
  e(
    'hand painted|painted on|lighter (?:at|towards) the ends|sun kissed|natural highlights',
    'balayage',
    'highlights',
    'ombre',
  ),
  e(
    'frizz\\w*|smooth\\w*|straight(?:en|ening)? (?:for|that lasts) (?:a few |some )?months|keratin|brazilian',
    'keratin',
    'smoothing',
    'straightening',
  ),
  e(
    '(?:dye|dyed|colour|color|tint) (?:my|her|the)? ?(?:hair|roots)|grey|gray|roots? (?:done|touch)',
    'colour',
    'color',
    'tint',
    'roots',
  ),
  e(
    'patch test|allergy test|skin test|come in (?:beforehand|before|first)',
    'patch test',
    'patch',
    'skin test',
    'allergy',
  ),
  e(
    'manicures?|pedicures?|nails? (?:done|painted)|gel nails|acrylics?',
    'manicure',
    'pedicure',
    'nails',
    'nail',
  ),
  e('wax\\w*|eyebrows?|brows?|lashes|eyelash\\w*', 'waxing', 'brow', 'brows', 'lash', 'lashes'),
  e('trim|tidy up|just the ends|split ends', 'trim', 'cut'),
  e('blow ?out|blow ?dry', 'blow dry', 'blow-dry', 'blowdry'),
  e('perm\\w*|curls? put in|curly', 'perm', 'perming', 'curl'),
  e('extensions?|longer hair|hair added', 'extensions', 'extension'),
  e(
    '(?:kids|children|child|boy|girl|son|daughter)(?: s)? (?:haircut|hair cut|cut|trim)',
    'children',
    'child',
    'kids',
    'junior',
  ),
  e('hair up|up ?do|updo|occasion hair|special occasion', 'updo', 'occasion', 'hair up'),
  e('toner|gloss|brassy|yellow tones?', 'toner', 'toning', 'gloss'),
  e('beards?|shave|moustache|mustache', 'beard', 'shave'),
  e(
    '(?:top|best|most experienced|senior) (?:stylist|hairdresser|barber|person)',
    'senior',
    'director',
    'art director',
    'master',
  ),
  e('wedding|bride|bridal|prom', 'wedding', 'bridal', 'bride', 'occasion'),
];

export const callerIdioms: readonly Idiom[] = [
  ...general,
  ...roles,
  ...money,
  ...visits,
  ...access,
  ...food,
  ...clinics,
  ...trades,
  ...salon,
];

export interface IdiomMatch {
  /** The caller's words as matched. */
  text: string;
  /** First and last token index of the match in the question's tokens. */
  first: number;
  last: number;
  means: readonly string[];
}

/**
 * The idioms in a question given as its normalized tokens (text.ts tokens()), leftmost first;
 * overlapping matches of different entries are all kept (each names its own meaning).
 */
export function idiomsIn(words: readonly string[], lexicon: readonly Idiom[] = callerIdioms): IdiomMatch[] {
  const text = words.join(' ');
  // Token index of every character offset where a token starts.
  const starts: number[] = [];
  let at = 0;
  for (const w of words) {
    starts.push(at);
    at += w.length + 1;
  }
  const tokenAt = (offset: number): number => {
    let i = 0;
    while (i + 1 < starts.length && starts[i + 1]! <= offset) i++;
    return i;
  };
  const out: IdiomMatch[] = [];
  for (const idiom of lexicon) {
    const re = new RegExp(idiom.when.source, 'g');
    for (const m of text.matchAll(re)) {
      if (!m[0].trim()) continue;
      const first = tokenAt(m.index);
      const last = tokenAt(m.index + m[0].length - 1);
      out.push({ text: m[0], first, last, means: idiom.means });
    }
  }
  return out.sort((a, b) => a.first - b.first || b.last - a.last);
}
