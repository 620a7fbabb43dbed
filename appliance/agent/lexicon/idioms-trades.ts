/**
 * Caller idioms of particular trades: food, clinics, building and car trades, hair and beauty,
 * clothes care and alterations (see idioms.ts).
 */
import { e, type Idiom } from './idiom-entry.js';

/** Food and diets. */
export const food: Idiom[] = [
  e(
    'dinner|supper|evening meal|something to eat|a meal|a bite to eat|get food|(?:serve|serves|do|sell|have) (?:any |hot )?(?:food|meals|snacks)|anywhere to eat',
    'food, meals, meal, evening meals, dinner, restaurant, diner, cafe, menu',
  ),
  e(
    'animal products|no (?:meat|animal) (?:or|and) (?:dairy|eggs)|plant based|does not eat (?:meat|any meat)',
    'vegan, plant based, vegetarian',
  ),
  e('coeliac|celiac|wheat|gluten', 'gluten, gluten free, coeliac, celiac'),
  e(
    '(?:pea)?nuts?|allergy|allergies|allergic|anaphyla\\w*',
    'allergy, allergies, allergen, allergens, nut, nuts',
  ),
  e('dairy|lactose|milk', 'dairy, lactose, dairy free'),
  e('halal|kosher', 'halal, kosher'),
  // "Can we bring snacks?": food of one's own, which a venue may not allow ("no food or drink").
  e(
    'snacks?|sweets|crisps|packed lunch(?:es)?|(?:our|my) own (?:food|lunch|drinks?)|(?:a |some )?drinks? in',
    'food, drink, drinks, eat, eating, picnic',
  ),
  e('(?:kids|children|child) (?:menu|portions|meals)', 'children, kids, child'),
  e(
    'take ?away|takeout|carry out|collect (?:the )?food|pick up (?:the )?food',
    'takeaway, take away, collection',
  ),
  e('deliver (?:the )?food|food delivered|(?:bring|send) (?:the )?food (?:to|over)', 'delivery, deliver'),
  e('book a table|reserve a table|reservation|table for', 'booking, reservation, reservations, book'),
  e(
    'private (?:room|dining|party|function)|function room|hire (?:the|your) (?:restaurant|room|place|venue)|exclusive (?:use|hire)',
    'private, function, hire, exclusive, private dining',
  ),
  e('outside|outdoors?|terrace|garden|patio|al fresco', 'terrace, garden, outdoor, outside, patio'),
  e('lunch (?:deal|menu|special)|set lunch|cheap lunch', 'set lunch, lunch menu, lunch, set menu'),
  e('tip|tips|tipping|gratuity|service charge', 'service charge, gratuity, tip, tips'),
  e(
    'cater\\w*|food for (?:a|my|our) (?:party|event|wedding|office)|(?:office|work) (?:party|lunch|event)',
    'catering, cater',
  ),
  e('dress code|what (?:should|do) (?:i|we) wear|smart casual|jeans', 'dress code, dress, smart casual'),
  e('live music|band|dj|entertainment', 'music, live music, entertainment'),
  e('(?:bring|bringing) (?:a|our|my) (?:own )?(?:birthday )?cake|cakeage', 'cake, cakeage, cakes'),
  e('(?:bring|bringing) (?:our|my) own (?:wine|drink|drinks|bottle)|byo', 'corkage, byo, own wine'),
  e(
    '(?:order|choose) (?:the food |the menu )?(?:ahead|beforehand|in advance)',
    'pre order, set menu, in advance',
  ),
];

/** Clinics: dental, medical, physio, veterinary. */
export const clinics: Idiom[] = [
  e(
    'pull (?:a|my|the|out a|out my) tooth|(?:tooth|teeth) (?:out|pulled|removed|taken out)|take (?:a|my) tooth out',
    'extraction, extractions, removal',
  ),
  e(
    'teeth (?:cleaned|cleaning|polished|clean)|scale and polish|clean (?:my )?teeth|plaque|tartar',
    'hygienist, hygiene, scale, polish, cleaning',
  ),
  e('bleach\\w*|whiter|brighter|whiten\\w*', 'whitening'),
  e('hole in (?:a|my|the) tooth|cavity|cavities|decay', 'filling, fillings'),
  e(
    'so it does not show|tooth coloured|tooth colored|white (?:one|filling)|invisible',
    'white, composite, tooth coloured, tooth colored',
  ),
  e(
    'knock (?:me|him|her) out|put (?:me|him|her) to sleep|(?:be )?asleep|sedat\\w*|general anaesthetic|general anesthetic|nervous|terrified|scared',
    'sedation, sedated, anaesthetic, anesthetic, nervous',
  ),
  e(
    '(?:in (?:a lot of )?pain|killing me|toothache|tooth ache|really hurts|swollen|abscess|broken tooth|knocked out)',
    'emergency, urgent, pain',
  ),
  e('rub down|rubdown|massage', 'massage'),
  e(
    'stiff neck|bad back|back pain|neck pain|sore back|slipped disc',
    'neck, back, spine, spinal, musculoskeletal',
  ),
  e(
    '(?:sports|running|marathon|gym|football) injur\\w*|after (?:my|a|the) (?:marathon|race|game|match|run)',
    'sports, sport, massage, injury',
  ),
  e(
    'chip (?:in|for|put in) (?:my |the |our |a )?(?:dog|cat|puppy|kitten|pet)|chipped|chip put in',
    'microchip, microchipping, microchipped',
  ),
  e('jabs?|shots?|boosters?|vaccinat\\w*|inocula\\w*', 'vaccination, vaccinations, vaccine, booster'),
  e('spay\\w*|(?:get|have) her (?:done|fixed)', 'spaying, spay'),
  e(
    'neuter\\w*|castrat\\w*|(?:get|have) him (?:done|fixed|snipped)|the snip',
    'neutering, neuter, castration, castrate',
  ),
  e(
    '(?:nails?|claws?) (?:cut|clipped|trimmed|done)|clip (?:his|her|their) (?:nails|claws)',
    'nail, claw, clipping',
  ),
  e('worm\\w*|flea\\w*|tick treatment', 'worming, flea, parasite'),
  e('put (?:him|her|it|them|my \\w+) (?:to sleep|down)|euthanas\\w*|pass (?:away )?peacefully', 'euthanasia'),
  e('desex\\w*', 'neutering, neuter, spaying, spay'),
  e(
    'board\\w*|kennel\\w*|cattery|(?:look after|mind|keep) (?:my|our) (?:dog|cat|pet|pets) (?:while|when)',
    'boarding, kennels, cattery',
  ),
  e(
    'groom\\w*|(?:bath|wash|haircut) for (?:my|the|our) (?:dog|cat|pet)|(?:give|giving) (?:my|the|our|him|her) (?:dog |cat |pet )?an? (?:bath|wash)|(?:bath|wash) (?:my|the|our) (?:dog|cat|pet)',
    'grooming, groom, bath',
  ),
  // A bitch in heat is "in season" in kennel and vet rules.
  e('(?:in|on|coming into) heat|in season', 'in season, season, heat'),
  e('x ?rays?|scans?|ultrasound|imaging', 'x ray, x-ray, xray, ultrasound, imaging, radiograph'),
  e('blood (?:test|tests|work)|lab (?:test|tests|work)', 'blood, laboratory, lab, tests'),
  e(
    '(?:repeat |more |refill (?:my |the )?)?(?:prescription|prescriptions|meds|medication|medicine|tablets|pills)',
    'prescription, prescriptions, medication, repeat',
  ),
  e('rabbits?|guinea pigs?|hamsters?|ferrets?|gerbils?', 'small animals, small pets'),
  e(
    '(?:tummy|stomach) (?:bug|upset|ache)|been sick|being sick|throwing up|thrown up|vomit\\w*|the runs|upset (?:tummy|stomach)',
    'sickness, diarrhoea, diarrhea, vomiting, stomach',
  ),
  e('(?:a )?(?:high )?(?:temperature|fever)', 'temperature, fever'),
  e(
    'birds?|parrots?|budgies?|reptiles?|snakes?|lizards?|tortoises?|turtles?',
    'exotic, exotics, avian, reptile, reptiles',
  ),
  e(
    '(?:travel|go|going|take (?:him|her|them|my \\w+)) abroad|pet passport|animal health certificate',
    'passport, travel, abroad, certificate',
  ),
  e('caps?|crowns?', 'crown, crowns'),
  e('false teeth|dentures?|(?:a )?plate', 'denture, dentures'),
  e('implants?|screw in (?:a )?(?:tooth|teeth)|replace (?:a )?missing tooth|new tooth', 'implant, implants'),
  e('root canal|(?:the )?nerve|endodontic\\w*', 'root canal, endodontic, endodontics'),
  e(
    'gums? (?:bleed\\w*|disease|problems?|receding)|bleeding gums|gum disease',
    'gum, gums, periodontal, periodontics, hygienist',
  ),
  e(
    'grind\\w*|clench\\w*|mouth ?guard|night ?guard|gum ?shield',
    'night guard, mouthguard, mouth guard, guard, grinding',
  ),
  e(
    'first (?:session|assessment)|initial (?:session|visit)',
    'initial assessment, initial, assessment, first',
  ),
  e(
    'follow up|next (?:session|visit|appointment)|further (?:sessions|treatment)',
    'follow up, follow-up, subsequent',
  ),
  e('needles?|needling', 'dry needling, needling, acupuncture'),
  e('exercise class\\w*|rehab class\\w*|strengthening class\\w*', 'pilates, class, classes'),
  e('referral|(?:gp|doctor) (?:letter|note|referral)|need a (?:referral|letter)', 'referral, refer, gp'),
  e(
    'after (?:my|an|the) (?:operation|surgery|op)|knee replacement|hip replacement|post op',
    'post operative, post-operative, rehabilitation, rehab',
  ),
  // "Someone who helps people recovering from an injury": documents say rehabilitation.
  e(
    'recover(?:ing|y)? (?:from|after) (?:an? |my |the |their |his |her )?(?:injur\\w*|operation|surgery|illness)|getting over (?:an? )?injury|back from (?:an? )?injury',
    'rehabilitation, rehab, recovery, injury',
  ),
  // "Exercise for pregnant women": documents say pre- and post-natal, antenatal, maternity.
  e(
    'pregnan\\w*|expecting (?:a baby|twins)|mums? to be|moms? to be|after (?:having )?(?:a|the|my) baby|new mums?|new moms?',
    'natal, pre-natal, prenatal, antenatal, postnatal, post-natal, maternity, pregnancy',
  ),
  e(
    'sprain\\w*|twisted (?:my )?(?:ankle|knee|wrist)|pulled (?:a )?muscle|tennis elbow|frozen shoulder',
    'injury, injuries, musculoskeletal',
  ),
  e(
    'check up|checkup|once over|looked over|routine (?:visit|appointment)|normal (?:visit|appointment)',
    'check up, examination, exam, consultation, assessment, inspection',
  ),
];

/** Trades: plumbing, heating, cooling, electrics, garages. */
export const trades: Idiom[] = [
  // "Help with French": a school's or tutor's page says "languages".
  e(
    'french|spanish|german|italian|mandarin|chinese|japanese|latin|arabic|portuguese|russian|welsh',
    'language, languages, modern languages',
  ),
  // A copy of a key is what locksmiths and cobblers call key cutting.
  e(
    'spare (?:house |door |front door |back door |car )?keys?|(?:copy|copies|duplicate|duplicates)(?: of)? (?:a |my |the |our |this )?(?:house |door )?keys?|keys? (?:copied|duplicated|cut)',
    'key cutting, key, keys, cutting',
  ),
  e(
    '(?:blocked|clogged|backed up|unblock\\w*|unclog\\w*|not draining|won t drain|will not drain)(?: \\w+)?(?: (?:sink|drain|toilet|loo|pipe|shower|bath))?',
    'drain, drains, unblocking, blockage, clearance, blocked',
  ),
  e('leak\\w*|dripping|burst (?:pipe|main)|water everywhere|flood\\w*', 'leak, leaks, burst, emergency'),
  // Trees and gardens: a tree taken down is felled; wood for the fire is logs; cut branches are
  // the job's waste.
  e(
    '(?:take|taking|cut|cutting|chop|chopping|bring|bringing) (?:down )?(?:a|an|the|my|our|this|that|\\w+) (?:\\w+ )?tree(?:s)? down|(?:take|taking|cut|cutting|chop|chopping) down (?:a|an|the|my|our|this|that) (?:\\w+ )?trees?',
    'fell, felling, felled, removal',
  ),
  e(
    'firewood|log ?burners?|wood ?burners?|wood burning stoves?|(?:the )?wood for (?:my|our|the) (?:fire|stove|burner)',
    'logs, log, firewood, fire',
  ),
  e(
    'branches|clippings|cuttings|green waste|(?:the )?mess(?= afterwards| after)',
    'waste, clippings, rubbish',
  ),
  // A people carrier is what hire lists call a 7-seater or an MPV.
  e('people carriers?|people movers?|mpvs?|mini ?vans?', 'seater, seaters, mpv, people carrier'),
  // "A second driver": hire firms call another driver an additional one.
  e(
    '(?:second|another|extra|other|2nd) drivers?',
    'additional driver, additional drivers, named driver, named drivers',
  ),
  // An electrical safety inspection is what electricians' price lists call an EICR.
  e(
    '(?:electrical |electric |electrics )?(?:safety )?(?:inspections?|safety checks?|safety certificates?|safety tests?)|(?:a )?landlords? (?:safety )?(?:certificates?|checks?|inspections?)|(?:check|test|inspect) (?:the|my|our) (?:wiring|electrics)',
    'EICR, condition report, condition reports, periodic inspection, safety certificate',
  ),
  e(
    '(?:yearly|annual|once a year|every year) (?:check|check up|checkup|look|inspection)|(?:boiler|furnace|heating) (?:check|check up|checkup)',
    'service, servicing, annual, inspection, maintenance',
  ),
  e(
    'no (?:heat|heating|hot water)|boiler (?:broke|broken|not working|stopped|died)|cold radiators',
    'boiler, heating, repair, breakdown',
  ),
  e(
    '(?:ac|aircon|air con|air conditioning|cooling) (?:checked|serviced|ready|check|tune|topped up|top up|regas|re gas|recharge)|blowing warm|not cold',
    'tune up, regas, re gas, recharge, air conditioning, service',
  ),
  e(
    '(?:warning|engine|orange|amber|yellow|red) (?:light|symbol)|(?:light|symbol) (?:on|lit up on) (?:my|the) dash\\w*|dashboard|find out what is wrong',
    'diagnostic, diagnostics, warning light, fault',
  ),
  e(
    '(?:wheels|tyres|tires) (?:lined up|aligned|straight)|pulls to (?:one side|the left|the right)|tracking',
    'alignment, tracking, wheel alignment',
  ),
  e(
    'discs? and pads?|brake pads?|brake discs?|brakes? (?:squeal\\w*|grind\\w*)',
    'brake, brakes, pads, discs',
  ),
  e(
    '(?:mechanic|mechanics|labour|labor|technician|your guys|workers|engineer)(?:s)? (?:time|hour|hours|rate)|(?:per|by the|each|an) hour (?:on the job|of work)',
    'labour, labor, hourly, rate, per hour',
  ),
  e(
    '(?:leave|store|keep) (?:my|the) car (?:with you|there|here)|storage|after it is done',
    'storage, per day, daily',
  ),
  e(
    'something to drive|courtesy|loan car|replacement car|hire car',
    'courtesy, courtesy car, loan, loan car',
  ),
  e('dents?|dented|scratch(?:es|ed)?|bodywork|body work', 'bodywork, body work, dent, panel, paint'),
  e(
    'drop (?:the|my) (?:car|keys|van) (?:off )?(?:late|early|out of hours)|key drop|drop box|(?:late at night|early morning) (?:drop|how does that work)',
    'key drop, drop box, keys, key',
  ),
  e('mot|roadworthy|road worthy|safety inspection|state inspection', 'mot, inspection, safety'),
  e('gearbox|transmission|clutch', 'gearbox, transmission, clutch'),
  e('flat tyre|flat tire|punctures?|nail in (?:my|the) (?:tyre|tire)', 'puncture, puncture repair'),
  e(
    'new tyres?|new tires?|(?:replace|replacing|change|changing|swap|swapping) (?:a |my |the |all |both |two |four )?(?:\\w+ )?(?:tyres?|tires?)',
    'tyre fitting, tire fitting, new tyres, new tires, tyre replacement, tire replacement',
  ),
  e('hot water (?:tank|cylinder|heater)|water heater|immersion', 'water heater, cylinder, tank, immersion'),
  e(
    'radiators? (?:cold|not working|not heating)|bleed (?:the|my) radiators?|power ?flush',
    'radiator, radiators, power flush, powerflush',
  ),
  e('smell (?:of )?gas|gas leak|gas smell', 'gas, emergency, leak'),
  e('toilet (?:running|not flushing|will not flush|keeps running)|cistern', 'toilet, cistern, flush'),
  e('(?:tap|faucet)s? (?:dripping|leaking|broken)|dripping (?:tap|faucet)', 'tap, taps, faucet, faucets'),
  e(
    'new bathroom|fit (?:a|my|the) (?:shower|bath|bathroom)|bathroom (?:fitting|refit|installation)',
    'bathroom, installation, install, fitting',
  ),
  e(
    'new boiler|replace (?:my|the|our) boiler|boiler (?:replacement|swap)',
    'installation, replacement, install, new boiler',
  ),
  e('thermostat|heating controls?|smart (?:heating|control)', 'thermostat, controls'),
  e('oil (?:change|and filter)|change (?:the|my) oil', 'oil, oil change, filter'),
  e(
    'full service|interim service|(?:car|van) service|major service',
    'service, servicing, full service, interim',
  ),
  e('exhaust|silencer|muffler', 'exhaust, silencer, muffler'),
  e('cam ?belt|timing belt|timing chain', 'timing belt, cambelt, belt'),
  e(
    'windscreen|windshield|chip in (?:the|my) (?:glass|screen)|cracked (?:glass|screen)',
    'windscreen, windshield, glass',
  ),
  e(
    '(?:car|van|it) (?:will not|does not|would not) start|flat battery|dead battery|jump ?start',
    'battery, jump start',
  ),
  e('electric (?:car|cars|vehicle|vehicles)|hybrids?|\\bevs?\\b|tesla', 'electric, hybrid, hybrids, ev'),
  e('tow\\w*|recovery|broken down|break down|breakdown', 'towing, tow, recovery, breakdown'),
  e(
    'fuse box|consumer unit|rewir\\w*|sockets? (?:not working|dead)|power (?:cut|out)',
    'electrical, rewire, consumer unit, fuse',
  ),
  // Removals: the packing service as movers' customers describe it.
  e(
    'box (?:(?:everything|it all|all of it|things|stuff|the house|our stuff|my stuff) )?up|(?:put|get|pack) (?:all )?(?:of )?(?:our|my|the)? ?(?:stuff|things|belongings) (?:in|into) boxes|pack (?:everything|it all|all of it|the house|us) ?(?:up)?(?: for (?:us|me))?',
    'packing, packing service, packers, pack',
  ),
  // Driving schools: the car and the course as learners describe them.
  e(
    '(?:with |has |have |got )?no clutch|without (?:a |the )?clutch|clutchless|no gears|(?:does not|do not) (?:have|need) (?:a )?clutch',
    'automatic, automatics',
  ),
  e(
    'cram (?:it|them|everything|the lessons)?(?: all)?(?: in(?:to)?)?|crash course|fast[- ]track|all in one go|(?:learn|pass) (?:in|within) (?:a|one|two) weeks?',
    'intensive, intensive course, intensive courses',
  ),
  e(
    'motorway (?:and|or) night driving|(?:just|newly|recently) passed|after (?:i|she|he|they|you) (?:have |has )?passed',
    'pass plus, newly qualified',
  ),
  e(
    'panick?y|panics?|panic attacks?|nervous wreck|scared (?:of|to) (?:drive|driving)|(?:get|gets|getting) (?:really |very )?(?:worked up|flustered)',
    'nervous, anxious',
  ),
  // Phones, tablets and laptops, as their owners describe the fault.
  e(
    '(?:will not|does not|would not|can not) hold (?:its|a|the|any) charge|battery (?:drains|dies|runs out|goes flat)|(?:dies|goes flat|runs out) (?:really |so )?(?:quickly|fast)',
    'battery, batteries',
  ),
  e(
    '(?:will not|does not|would not|has stopped|stopped) charging|(?:will not|does not|would not) charge|not charging|charger (?:will not|does not|would not) (?:go in|fit|work|connect)|(?:socket|port|hole) (?:where|that) the (?:charger|cable|lead|plug) goes',
    'charging port, charging, port',
  ),
  e(
    '(?:glass|display|screen) (?:is|has|got) (?:cracked|smashed|broken|shattered)|(?:smashed|shattered|cracked) (?:the |my |its )?(?:glass|display)',
    'screen, screens, display, glass',
  ),
  e('play ?stations?|ps[45]|x ?box(?:es)?|nintendo|games? console', 'games console, games consoles, console'),
  e(
    'pop ?ups?|dodgy (?:adverts|ads|pop ups)|adverts popping up|something nasty|(?:been|got) hacked|viruse?s?|malware|spyware',
    'virus, viruses, malware, virus removal',
  ),
  e('keys (?:on|of) (?:my|the|his|her|our) (?:laptop|computer|keyboard)', 'keyboard, keyboards'),
  // Florists: "a bunch of flowers" is what their price lists call a bouquet.
  e('bunch(?:es)? of (?:flowers|roses|tulips|lilies|sunflowers)|(?:a )?posy|posies', 'bouquet, bouquets'),
  // "Do you charge to look at it?": finding the fault before the repair is the diagnostic.
  e(
    '(?:have a |take a )?look (?:at|over) (?:it|them|my \\w+|the \\w+)|(?:find|work) out what is (?:wrong|up)|diagnos\\w*',
    'diagnostic, diagnosis, diagnostic check, fault finding, assessment',
  ),
  e(
    'get (?:my |the |our |all my |them |it )?(?:photos|pictures|files|data|documents|messages)?\\s?(?:back|off)|(?:lost|deleted) (?:my |all my |the )?(?:photos|pictures|files|data)',
    'data recovery, recovery, recover',
  ),
  // A helmet for riding, cycling or skating: stables and rinks call it a riding hat or hard hat.
  e(
    '(?:crash |riding |safety |bike |cycle )?helmets?',
    'helmet, helmets, riding hat, riding hats, hard hat, hard hats',
  ),
];

/** Hair and beauty. */
export const salon: Idiom[] = [
  e(
    '(?:lady|ladies|women|woman)(?: s)? (?:haircut|hair cut|cut)(?: and (?:style|styling|blow dry))?',
    'women, ladies, cut, blow dry, blow-dry',
  ),
  e(
    '(?:men|man|gents|gentleman)(?: s)? (?:haircut|hair cut|cut)|short back and sides|fade|clipper\\w*|barber\\w*',
    'men, gents, barber, clipper, fade',
  ),
  e(
    'hand painted|painted on|lighter (?:at|towards) the ends|sun kissed|natural highlights',
    'balayage, highlights, ombre',
  ),
  e(
    'frizz\\w*|smooth\\w*|straight(?:en|ening)? (?:for|that lasts) (?:a few |some )?months|keratin|brazilian',
    'keratin, smoothing, straightening',
  ),
  e(
    '(?:dye|dyed|colour|color|tint) (?:my|her|the)? ?(?:hair|roots)|grey|gray|roots? (?:done|touch)',
    'colour, color, tint, roots',
  ),
  e(
    'patch test|allergy test|skin test|come in (?:beforehand|before|first)',
    'patch test, patch, skin test, allergy',
  ),
  e('manicures?|pedicures?|nails? (?:done|painted)|gel nails|acrylics?', 'manicure, pedicure, nails, nail'),
  e('wax\\w*|eyebrows?|brows?|lashes|eyelash\\w*', 'waxing, brow, brows, lash, lashes'),
  e('trim|tidy up|just the ends|split ends', 'trim, cut'),
  e('blow ?out|blow ?dry', 'blow dry, blow-dry, blowdry'),
  e('perm\\w*|curls? put in|curly', 'perm, perming, curl'),
  e('extensions?|longer hair|hair added', 'extensions, extension'),
  e(
    '(?:kids|children|child|boy|girl|son|daughter)(?: s)? (?:haircut|hair cut|cut|trim)',
    'children, child, kids, junior',
  ),
  e('hair up|up ?do|updo|occasion hair|special occasion', 'updo, occasion, hair up'),
  e('toner|gloss|brassy|yellow tones?', 'toner, toning, gloss'),
  e('beards?|shave|moustache|mustache', 'beard, shave'),
  e(
    '(?:top|best|most experienced|senior) (?:stylist|hairdresser|barber|person)',
    'senior, director, art director, master',
  ),
  e('wedding|bride|bridal', 'wedding, bridal, bride, occasion'),
  // A prom is an occasion, not a wedding: a florist's bridal prices are not a prom's.
  e('prom', 'occasion, special occasion'),
];

/** Clothes: dry cleaning, laundry, alterations. */
export const clothes: Idiom[] = [
  // A hem taken up is a garment shortened; "take up space" is not.
  e(
    '(?:trousers|jeans|skirt|skirts|dress|dresses|sleeves|curtains|hem|them|it) (?:taken|take|taking|took) up|(?:take|taking) up (?:(?:my|the|a|some|his|her|these|this|two|three) )?(?:pairs? of )?(?:trousers|jeans|skirt|dress|sleeves|curtains)|turn(?:ed)? up (?:my|the|his)? ?(?:trousers|jeans)',
    'shortened, shorten, shortening, hem',
  ),
  // Trousers shortened are hemmed: a price list may name only the hem ("Trouser hems £12").
  // (Not "shortening" alone: "shortening sleeves" is its own item.)
  e(
    '(?:shorten|shortened|shortening) (?:(?:my|the|a|some|his|her|these|two|three) )?(?:pairs? of )?(?:trousers|jeans|skirts?|dress|dresses|curtains)',
    'hem, hems, hemming',
  ),
  // A garment made narrower: "taken in", however the caller conjugates it.
  e(
    '(?:dress|dresses|trousers|jeans|skirt|jacket|suit|it|them) (?:needs |need )?(?:taken|taking|take|took) in|(?:take|taking) in (?:my|the|a|her|his|this) (?:[a-z]+ )?(?:dress|trousers|jeans|skirt|jacket|suit|coat|shirt|blouse)',
    'taken in, alterations',
  ),
  e(
    '(?:does|do|doing) (?:the|your|all the) (?:sewing|stitching)|sew\\w*|seamstress|dressmaker',
    'tailor, alterations, repairs',
  ),
  e('washed and ironed|ironed|ironing', 'pressed, pressing, washed and pressed'),
  e(
    'launderette|laundrette|everyday (?:clothes|washing)|(?:bag|load) of (?:washing|clothes|laundry)|by (?:the )?(?:weight|kilo|kg)',
    'service wash, laundry, per kg',
  ),
  e(
    'pick (?:things|stuff|it|them|clothes|my clothes|washing) up from|pick up from (?:my|our|people s|your) (?:house|home|door)',
    'collect, collection, collection and delivery',
  ),
  e(
    '(?:your|the) (?:driver|van driver|delivery driver)',
    'drives our van, van, driver, collection and delivery',
  ),
];
