/** Caller idioms any business hears: policies, roles, money, visits, access (see idioms.ts). */
import { e, type Idiom } from './idiom-entry.js';

/** What businesses of every kind get asked about their policies and premises. */
export const general: Idiom[] = [
  e(
    'penalty|fine|(?:fee|charge|charged|pay) (?:if|when) (?:i|we) (?:cancel|do not (?:turn up|show|come))|no show|miss (?:my|an|the) (?:appointment|booking)|do not turn up|(?:can not|could not|cannot) make (?:it|my appointment|the appointment|my lesson|the lesson)|(?:can not|could not|cannot|not be able to) (?:come|attend|be there|get there)|(?:pull|drop) out|still (?:have|need) to pay',
    'cancellation fee, cancellation, no show, missed',
  ),
  e('bank holidays?|public holidays?|new year|easter|holidays', 'holiday, holidays, christmas'),
  // "Are you qualified?": a trade's papers, as its page states them ("NICEIC approved, fully
  // insured", "Gas Safe registered", "DBS checked").
  e(
    'are (?:your|the) \\w+ (?:all )?(?:qualified|certified|accredited|registered|insured|licensed)|are you (?:all )?(?:qualified|certified|accredited|registered|approved|licensed|licenced|insured|vetted)|(?:your|any|what) (?:qualifications|accreditations?|credentials|certifications?)|(?:qualified|certified|registered|approved|licensed) (?:electricians?|plumbers?|engineers?|technicians?|fitters?|staff|team|instructors?|teachers?|therapists?)',
    'qualified, qualifications, certified, accredited, accreditation, registered, approved, licensed, insured, insurance, member',
  ),
  // "How long will I be without electricity?": the supply off, as a page says it.
  e(
    'without (?:any )?(?:electricity|electrics|power|lights|water|hot water|heating|gas)|no (?:electricity|power|water|heating) (?:for|while)|(?:electricity|power|water|heating|gas) (?:be )?(?:off|cut off|turned off|switched off)',
    'power off, off, turned off, switched off, without power, supply',
  ),
  // "Christmas wreath classes": documents date the season by its month ("late November and December").
  e('christmas|xmas|festive season', 'christmas, december, holiday, holidays'),
  e(
    'interpreter|translator|sign language|speak (?:spanish|french|polish|german|italian|portuguese|arabic|chinese|hindi|urdu)|other languages?',
    'interpreter, languages, language, speak',
  ),
  e(
    'how long have you been(?: (?:around|going|open|in business|trading|doing this|here))?|been (?:around|going|open|in business|trading)|established|since when|how old is (?:the|your) (?:business|company|firm)',
    'established, since, founded, years',
  ),
  e('wi ?fi|internet access', 'wifi, wi fi, internet'),
  // "Do I have to go to my doctor first?": the caller's own GP, whose referral a clinic may ask.
  e(
    '(?:my|your|the|a) (?:gp|family doctor)|(?:go to|see|ask) (?:my|your|the|a) doctor(?: first)?|(?:from|by) (?:my|your|a) doctor',
    'gp, referral',
  ),
  // "A two bed flat", "a 3-bed semi": estate agents' shorthand for bedrooms.
  e(
    '(?:\\d+|one|two|three|four|five|six)[ -]beds?(?= (?:flat|house|home|property|semi|terrace|bungalow|place|apartment))',
    'bedroom, bedrooms',
  ),
  // "If I pull out the night before": a cancellation with little notice.
  e(
    '(?:the )?(?:night|evening|morning|day) before|last[- ]minute|at short notice',
    'notice, less notice, short notice',
  ),
  // "What's the shortest time you'll store for?": the least a booking may be, as documents say it.
  e(
    '(?:shortest|least) (?:time|amount of time|period|stay|term|contract|booking|hire|rental)|how long (?:at|as a) (?:least|minimum)',
    'minimum, minimum term, minimum stay, at least',
  ),
  // "If it's chucking it down on the day", "what if it rains?": heavy rain, the weather a booking
  // may be moved for.
  e(
    '(?:if|when|in case) it (?:rains|is raining|s raining|pours|snows|is snowing|is (?:wet|windy|stormy))|(?:chucking|tipping|pouring|bucketing|pelting|hammering) (?:it )?down|raining (?:cats and dogs|hard|heavily)|(?:really|very) (?:wet|windy|bad) weather|bad weather|a storm',
    'heavy rain, rain, weather, undercover, covered, indoors, indoor',
  ),
  e('toilets?|restrooms?|bathrooms? for (?:customers|guests)|loo', 'toilet, toilets, restroom'),
  // "Can I just have one clean?", "just the once": a single visit outside a regular round, as
  // documents say it ("a one-off clean").
  e(
    '(?:just|only) (?:have |book |get )?(?:one|a single) (?:clean|visit|lesson|session|service|treatment|appointment)|just the once|one time only',
    'one off, single, once',
  ),
  // "How many does the small cake feed?": how many it serves, as caterers say it.
  e(
    'how many (?:people |guests |of us )?(?:does|will|would|can|could) (?:it|that|this|one|(?:the|a|an|your) \\w+(?: \\w+)?) feed|(?:feeds?|feeding) how many',
    'serves, serve, servings, portions',
  ),
  // "A cake without nuts", "something without gluten": what documents call nut-free, gluten-free.
  // (Only "without" is the phrase: the food is still what is asked about.)
  e(
    'without(?= (?:any )?(?:nuts?|peanuts?|gluten|dairy|eggs?|sugar|meat|wheat|lactose|alcohol|soya?|milk)\\b)',
    'free',
  ),
  // "Can I buy more photos?": more of what the business gives is an extra one, as priced.
  e('(?:buy|order|add) (?:some |a few |any )?more', 'extra, additional'),
  // "Which room is best for kids?", "is it child friendly?": suited to families, as documents
  // say it ("family friendly").
  e(
    '(?:best|good|suitable|ok|okay|right|fun) for (?:kids|children|little ones|families|a family)|(?:kid|child|children|family) friendly',
    'family friendly, family, families',
  ),
  // "Can my kids climb on their own?", "can he come without me?": whether a child may be there
  // unaccompanied, which documents say by supervision ("must be supervised by an adult").
  e(
    '(?:kids?|children|child|son|daughter|teenagers?|teens?|boy|girl|he|she|they|year olds?) (?:\\w+ )?(?:\\w+ )?(?:on (?:their|his|her) own|by (?:themselves|himself|herself)|without (?:me|us|a parent|an adult|a grown up))|(?:drop|leave) (?:my|our|the) (?:kids?|children|child|son|daughter) (?:off )?(?:on (?:their|his|her) own|and (?:go|leave))',
    'supervised, supervise, supervision, accompanied, unaccompanied',
  ),
  // "Do we need a plug socket?", "is there somewhere to plug in?": a power socket, as documents
  // say it ("a power socket", "a power point", "electricity").
  e(
    'plug sockets?|power points?|electric(?:al|ity)? (?:sockets?|points?|supply|hook ?up)|(?:somewhere|anywhere|where) (?:to|i can|we can) plug (?:in|\\w+ in)',
    'socket, sockets, power socket, power point, electricity, power',
  ),
  // "Can I bring my dog inside?" of "Dogs are welcome at the outside tables only": inside or out
  // is said by either (the one said decides the other).
  e(
    'inside|indoors|in the (?:cafe|café|shop|restaurant|pub|bar|building|dining room)',
    'inside, indoors, indoor, outside, outdoor, outdoors',
  ),
  // "Is there somewhere to change a nappy?": a baby-changing table or room.
  e(
    'chang(?:e|ing) (?:a |the |my |his |her |our )?(?:nappy|nappies|diapers?|baby)|nappy chang(?:e|ing)|baby chang(?:e|ing)',
    'baby changing, changing, changing table, changing room, baby',
  ),
  // "Can you put Happy Birthday on it?": a message or name written on the thing.
  e(
    '(?:put|write|pipe|ice|add) (?:happy birthday|a message|a name|(?:his|her|their|my|our) names?|names?|some writing|writing|words|a greeting) on|personali[sz]ed?|inscription',
    'message, writing, inscription, personalised, personalized, name',
  ),
  // "How do I look after my new tattoo?", "how should I care for it afterwards?": the care after
  // a treatment or a purchase, as documents title it ("Aftercare").
  e(
    '(?:look after|take care of|care for|clean|treat) (?:it|them|(?:my|the|a|your|our) (?:new )?[a-z]+)(?: (?:afterwards|after(?:wards)?|once (?:it s|it is) done|at home))|(?:how (?:do|should|can) (?:i|we) )(?:look after|take care of|care for) (?:my|the|a|your|our) new [a-z]+|after ?care',
    'aftercare, after care',
  ),
  // "If my mum comes with me", "with my dad's permission": a parent's presence or consent, as
  // documents say it ("even with a parent's permission", "must be accompanied by a parent").
  e(
    '(?:my|our|a|the|his|her) (?:mum|mom|mother|dad|father|parents?|guardian) (?:comes?|came|goes|is there|signs?|agrees?|gives? (?:permission|consent)|says (?:it s|it is) ok)(?: with (?:me|us|him|her)| along)?|(?:with|have|got) (?:my|our|his|her|a) (?:mum s|mom s|mother s|dad s|father s|parents?|parent s|guardian s) (?:permission|consent)|parental (?:permission|consent)',
    'parent, permission, consent, accompanied',
  ),
  // "Can I bring my 10-year-old?": a child's age, asked against age limits ("ages 8 and up",
  // "under-16s"); the number is an age, not the "10" of "10% off".
  e(
    '\\d+ (?:year|yr) olds?|\\d+ years? of age|aged \\d+|(?:i am|(?:son|daughter|child|kid|boy|girl|he|she) is(?: only| just| nearly| almost)?|turning|turns|about to turn) \\d+(?! (?:of|people|minutes|mins|hours|days|weeks|miles|pounds|percent))|(?:my|our|a|the) (?:toddler|teenager|teen)s?',
    'age, ages, aged, under, over, suitable, children, younger',
  ),
  // "How old do children have to be?", "what's the age range?": the ages taken.
  e(
    'how old (?:do|does|must|should|can) (?:children|kids|they|he|she|pupils|students|you|i|we|my \\w+) (?:have to |need to )?be|what ages?(?: range)?(?: do you| can| are)|age (?:limit|range|groups?|requirements?)|too (?:old|young)|(?:old|young) enough',
    'age, ages, aged, under, over, years old',
  ),
  // "A discount for siblings": brothers and sisters, a second child.
  e(
    'siblings?|brothers? (?:and|or) sisters?|(?:two|2|three|3|both|all) (?:of )?(?:my |our |the )?(?:kids|children|boys|girls|sons|daughters)|(?:my |our |a )?second (?:child|kid|son|daughter)',
    'brother, sister, brothers and sisters, siblings, second child',
  ),
  // "In the summer holidays": out of term, which a school-year business says by its terms.
  e(
    '(?:summer|school|easter|christmas|half term|half-term) (?:holidays?|hols|break)|out of term',
    'term time, holidays, half term, term',
  ),
  // "How will I know how my child is doing?": reports of progress to the parents.
  e(
    "how (?:my|our|the) (?:child|son|daughter|kid|kids|children) (?:is|are|s) (?:doing|getting on|progressing|coming on)|(?:child|son|daughter)(?: s|'s)? progress",
    'progress, report, reports, parents evening',
  ),
  e(
    '(?:bring|bringing) (?:my|our|the) (?:dog|dogs|pet|pets)|dog friendly|pets allowed|dogs allowed',
    'dog friendly, dogs, pets',
  ),
  e('high ?chairs?|baby chang\\w*|pushchair|stroller', 'high chair, high chairs, baby'),
  e(
    '(?:free|no obligation) (?:quote|estimate|look)|how much (?:to|for you to) (?:come out|come and look|have a look)|just to come out|(?:just )?to (?:have|take) a look(?! round)|call ?out (?:fee|charge)',
    'call out, callout, visit fee, diagnostic',
  ),
  e(
    'collect (?:my|the) (?:car|van|pet|dog|cat)|pick (?:my|the) (?:car|van|dog|cat|pet|pets) up|pick up (?:my|the|our) (?:car|van|dog|cat|pet|pets|dogs|cats)|deliver (?:it|the car) back',
    'collection, collect, delivery, pick up',
  ),
  e('wait (?:while|for it|there)|(?:a )?waiting (?:room|area)', 'waiting, wait, while you wait'),
  // "When is my son ready to go up to the next group?": moving up a stage, level or grade.
  e(
    '(?:go|goes|going|move|moves|moving|get|gets|getting) up (?:to )?(?:the |a )?(?:next|higher) (?:group|class|level|stage|grade|belt|set)|(?:go|goes|going|move|moves|moving) up a (?:group|class|level|stage|grade|belt)|ready (?:to move up|for the next (?:group|class|level|stage|grade|belt))',
    'move up, moves up, stage, level, grade, next stage',
  ),
  // "One-on-one lessons, just me and a teacher", "an hour with a tutor on my own": a private
  // session, whatever is taught.
  e(
    // (text.ts's normalize makes "one-to-one", "one on one", "1:1" the one word "onetoone".)
    'onetoone|just me and (?:a|the|my) (?:teacher|instructor|trainer|tutor|coach)|on my own with (?:a|the) (?:teacher|instructor|trainer|tutor|coach)|(?:teacher|instructor|trainer|tutor|coach) (?:all )?(?:on my own|to myself|by myself)',
    'private, onetoone, individual, personal, solo',
  ),
  // "The one-off charge when we first sign up", "a registration fee": a joining fee, paid once.
  e(
    '(?:when|as) (?:we|i|you) (?:first )?(?:sign up|join|enrol|enroll|register)|signing up|one off(?= (?:charge|fee|payment|cost))|(?:registration|enrolment|enrollment|sign up|admin|administration|membership) fee',
    'joining fee, joining, registration, enrolment',
  ),
  // "How much extra for you to come out to Stoke Ashby?": the travel to the caller, not a visit.
  e(
    '(?:for you|for someone) to (?:come|get|drive|travel) (?:out )?(?:to|here|this far)|come (?:all the way )?out to',
    'travel, travel charge, call out, distance, mileage',
  ),
  // "How long will you hang on to my phone?": how long things are kept or stored.
  e('hang on to|hold on to|keep hold of|hang onto|hold onto', 'keep, kept, store, stored, hold'),
  // "Having you come in regularly": a contract of routine visits.
  e(
    '(?:come|comes|coming|call|calling) (?:in|round|out|over) (?:regularly|every (?:week|month|few weeks|few months))|regular (?:visits|checks|call outs|callouts)|on a regular basis',
    'contract, contracts, routine visits, regular visits',
  ),
  // "Can our cat come along in the van?": documents that take no animals say "pets" or "animals".
  e(
    '(?:cat|cats|kitten|kittens|puppy|dog|dogs|rabbit|hamster|budgie|parrot|tortoise|guinea pig|goldfish|snake) (?:come|travel|go|ride) (?:along|with)|(?:take|move|bring|carry|transport) (?:the|our|my) (?:cat|cats|kitten|puppy|dog|dogs|rabbit|hamster|budgie|parrot|tortoise|guinea pig|goldfish|snake) (?:in|on|with) (?:the|your) (?:van|lorry|truck|removal van)',
    'pet, pets, animal, animals',
  ),
  e(
    '(?:not|never) real|fake (?:ones|flowers|plants|trees?)|(?:last|lasts) forever',
    'artificial, silk, fake, plastic',
  ),
  e(
    '(?:grown|made|produced|sourced) (?:round|around|near) here|(?:grown|made|sourced) locally|(?:come|comes|flown in|shipped) from abroad|imported',
    'local, locally, british, growers',
  ),
];

/** People and roles: who does what. */
export const roles: Idiom[] = [
  e('lady|ladies|a woman', 'female, woman, women'),
  e('lads|blokes|chaps|fellas', 'men, man'),
  e(
    'in charge|runs (?:the|this|your) (?:place|business|firm|company|kitchen|shop|practice|office|site|studio|salon)|head of|the boss',
    'head, manager, owner, director, lead, principal, run by',
  ),
  e(
    '(?:owns|owner of|set up|started|founded) (?:the|this|your) (?:practice|business|company|shop|salon|clinic|garage|restaurant|place)',
    'owner, founder, principal, founded',
  ),
  e(
    'runs the kitchen|(?:in|of) the kitchen|kitchen staff|cooks the food|does the cooking',
    'chef, kitchen, cook',
  ),
  e(
    '(?:sets up|makes|books|handles|deals with|looks after|takes care of) (?:the )?(?:appointments|bookings|booking|schedule|diary)',
    'reception, receptionist, bookings, scheduling, coordinator, booking',
  ),
  // "Who owns the firm?": the business called, by whoever the documents say owns it. Who runs
  // it is the manager as well (above).
  e(
    'who (?:\\w+ ){0,2}(?:owns|own|owned) (?:the|this|your) (?:firm|business|company|shop|place|practice)',
    'owner, owners, proprietor, owned by, run by, founded, started',
  ),
  e(
    'money side|(?:deals with|handles|looks after|in charge of|ask about|talk to about|speak to about) (?:the )?(?:money|bills|billing|invoices|accounts|payments|finances)',
    'billing, accounts, finance, invoices, payments',
  ),
  e(
    '(?:give|get|gives|do|does|write|writes) (?:me )?(?:a )?(?:quote|quotes|estimate|estimates|price for the job)|(?:work|works|working) out (?:a |the )?(?:price|cost)|(?:work|works|working) (?:the|a) (?:price|cost) out|price (?:it|the job|everything) up',
    'quote, quotes, estimate, estimates, service advisor',
  ),
  e(
    '(?:treats|sees|good with|works with|specialises in|specializes in) (?:kids|children|little ones|young people)',
    'children, paediatric, pediatric, child, kids',
  ),
  // "Can the kids go in?" of "Children must be supervised": the same people (WordNet's "kid"
  // reaches "child" only as a synonym, too loosely for a yes/no to count it).
  e('(?<=(?:can|could|may) (?:the )?)kids(?= (?:go|use|get|swim|play|ride|sit|have)\\b)', 'children, child'),
  // "How much to get rid of a nest?": the documents' removal.
  e('get(?:ting)? rid of|got rid of', 'removal, remove, removed, disposal, dispose'),
  // "Is the old tyre taken away?": the documents' disposal of what is replaced.
  e(
    '(?:take|takes|taking|taken|took) (?:it |them |the old (?:one|ones) )?away|(?:take|taking) (?:the )?old (?:\\w+ )?away|(?:the )?old (?:\\w+ )?(?:taken|took) away',
    'disposal, dispose, removal, remove, take away, taken away, recycle, recycling',
  ),
  // "Do the kids do exams?" of a school's "Pupils can take exams": the children taught there.
  e('(?:the|your) (?:kids|children)(?= (?:do|take|sit|learn|get to))', 'pupils, pupil, students, student'),
  e(
    '(?:straighten|straightening|straighter|crooked) (?:my |her |his |their )?(?:daughter |son |child |kid )?teeth|braces|aligners',
    'orthodontic, orthodontics, orthodontist, braces, aligners',
  ),
  e(
    'cheaper (?:stylist|person|someone|option)|someone cheaper|less experienced|junior',
    'junior, graduate, trainee, apprentice',
  ),
];

/** Money: deposits, instalments, refunds, gift vouchers, insurance, discounts. */
export const money: Idiom[] = [
  // "Do I pay each week?", "can I pay weekly?", "are lessons paid monthly?": how often fees are
  // paid ("paid monthly in advance", "paid termly").
  e(
    'pay (?:each|every|per|by the|for each) (?:week|month|lesson|session|class|term)|(?:pay|paid|paying) (?:for (?:it|them) )?(?:weekly|monthly|termly|yearly|annually|as (?:i|we) go)|(?:weekly|monthly|termly) (?:payments?|instalments?)',
    'paid, payment, monthly, weekly, termly, in advance, direct debit',
  ),
  // "A van I can borrow": what a business lends, it hires out.
  e('borrow|lend (?:me|us)|(?:a|the) loan of', 'hire, rent, rental, loan'),
  e(
    'put down|lock in|to (?:secure|hold|reserve) (?:the|a|my|our) (?:date|booking|table|slot|place|spot)|up front|upfront',
    'deposit, upfront',
  ),
  e(
    'spread (?:the )?(?:cost|payment|payments|bill)|pay (?:it )?(?:in|by) (?:parts|bits|stages|installments|instalments)|pay (?:it )?(?:off )?(?:over time|monthly|each month|over a few months)|split (?:the )?(?:cost|payment|bill) (?:up )?over',
    'instalment, installment, payment plan, finance, monthly',
  ),
  e(
    'money back|get (?:a|my|our) refund|refund|(?:get|have) (?:my|our|the) (?:deposit|money|payment) back(?: if (?:i|we) (?:cancel|pull out|change our minds?|change my mind))?',
    'refund, refundable, refunded, deposit back, deposit returned',
  ),
  e(
    '(?:as )?an? (?:gift|present)|(?:birthday|christmas) present|gift',
    'voucher, gift, gift card, certificate',
  ),
  e(
    '(?:pay|paying) (?:by|with|in) (?:card|cash|cheque|check|credit card|debit card|phone|apple pay|contactless)|take cards|accept cards|payment methods?',
    'card, cash, contactless, payment',
  ),
  e(
    'insurance|insurer|insured|covered by (?:my|your|the) (?:plan|policy|insurance)',
    'insurance, insurer, insured, claim',
  ),
  // Goods protected against loss or damage ("are you covered if you break something?"):
  // insurance cover, whatever word the caller has for it.
  e(
    'protect(?:ed|ing)? (?:my|our|the|all my|all our) (?:stuff|things|goods|belongings|items|contents)|(?:in case|if) (?:anything|something) (?:gets|is|got) (?:stolen|damaged|nicked)|(?:covered|insured) (?:if|in case|when) (?:you|one of you|your \\w+|they|someone) (?:break|breaks|damage|damages|smash|smashes) (?:something|anything|a \\w+|my \\w+)',
    'insurance, insured, cover',
  ),
  e(
    '(?:pension|pensioner|pensioners|senior citizen|senior citizens|oap|retired|over 60|over 65|elderly)',
    'senior, seniors, concession, pensioner, over 65, over 60',
  ),
  e('students?', 'student, students, concession'),
  // Whether something is in the price is decided as much by "... are extra" as by "... included".
  e('included|inclusive|on top|extra cost|cost extra|added on', 'extra, additional, on top'),
  e(
    'discount|cheaper|money off|(?:better|special|reduced|lower) (?:rate|rates|price|prices|deal)|reduction',
    'discount, discounts, concession, reduced',
  ),
  // Not "deals with" (who handles something).
  e(
    'deals?(?! with)|special offers?|promotions?',
    'offer, offers, discount, introductory, special, specials',
  ),
  // Card brands as callers shorten them.
  e('amex', 'american express'),
  e('master card', 'mastercard'),
  e(
    '(?:pay|paying) (?:straight away|right away|on the day|at the end|afterwards|after|when)|when (?:do|should|will) (?:i|we) pay|pay before',
    'payment, due, payable',
  ),
  e(
    '(?:certified|qualified|accredited|registered|licensed|licenced|properly trained|proper trade)',
    'licensed, licence, license, certified, accredited, registered, qualified',
  ),
  e(
    '(?:covered|protected) if (?:something|anything|it) goes wrong|liability',
    'insured, insurance, liability',
  ),
  e(
    'guarantee|guaranteed|warranty|if (?:it|something|the repair) (?:goes wrong|breaks|fails) again|(?:repair|fix|job|work) (?:that )?(?:you|you have|they) did (?:has |have )?(?:gone wrong|broken|failed|stopped working)|(?:gone wrong|broken|failed|stopped working) again',
    'guarantee, warranty, guaranteed',
  ),
];

/** Time, booking and visits. */
export const visits: Idiom[] = [
  // "Can you bring the car to my house?": brought to the caller, as a page says delivering.
  e(
    '(?:bring|drop|deliver|drive|fetch|send)(?: \\w+){0,3} (?:to|at|round to|over to|out to) (?:my|our) (?:house|home|door|doorstep|address|place|flat|office|work)',
    'deliver, delivery, delivered, deliveries',
  ),
  // "How big are the classes?": how many take part ("never more than eight students").
  e(
    '(?:how (?:big|large|small)|what size) (?:are|is) (?:the |your )?(?:classes|class|groups|group)|(?:class|group) sizes?|how many (?:people|students|pupils|kids|children) (?:are )?(?:in|per) (?:a|each|the|one) (?:class|group|session|lesson)',
    'small, size, maximum, students, people, group, more than, up to',
  ),
  // Being shown a place before taking it: a viewing, a look round.
  e(
    'show (?:me|us) (?:round|around)|(?:have|take) a look (?:round|around)|look (?:round|around) (?:the|a|your) (?:unit|units|site|place|rooms?|premises|venue|barn|house|nursery|school|hall)|(?:come|pop|go) (?:and|to) (?:look|have a look) (?:round|around)|(?:come|pop) (?:and|to) (?:see|view) (?:it|the \\w+)(?: first| beforehand)?|look (?:round|around)(?= (?:first|beforehand|before))',
    'come and see, viewing, view, look round, tour, visit',
  ),
  // "Who'll be bringing the flowers round?", "send flowers to my mum": delivery, by its own words.
  e(
    '(?:bring|bringing|brings|take|taking|drop|dropping) (?:the |my |our |them |it )?(?:\\w+ )?(?:round|over) to|(?:bring|bringing|brings) (?:the |my |our )?\\w+ round|send (?:some )?(?:\\w+ ){0,2}to (?:someone|somebody|my|her|him|them|a friend)|(?:get|send) (?:some |the |these |them |it )?(?:\\w+ )?to (?:someone|somebody|my|her|him|his|their|a friend)|send (?:some |a |the )?(?:flowers|bouquets?|gifts?|hampers?|cakes?|presents?|parcels?)',
    'deliver, delivery, deliveries',
  ),
  e(
    '(?:flowers|flower|delivery|deliveries|box|boxes|bouquet|bouquets|order) every (?:week|fortnight|month)|every (?:week|fortnight|month) thing',
    'subscription, subscriptions',
  ),
  // A date that is a bank holiday by name ("the twenty-sixth of December"): documents name the day.
  e(
    '(?:25th|25|twenty fifth) (?:of )?december|december (?:the )?(?:25th|25|twenty fifth)',
    'christmas day, christmas, bank holiday, bank holidays',
  ),
  e(
    '(?:26th|26|twenty sixth) (?:of )?december|december (?:the )?(?:26th|26|twenty sixth)',
    'boxing day, bank holiday, bank holidays',
  ),
  e(
    '(?:1st|1|first) (?:of )?january|january (?:the )?(?:1st|1|first)',
    'new year day, new year, bank holiday, bank holidays',
  ),
  e(
    '(?:24th|24|twenty fourth) (?:of )?december|december (?:the )?(?:24th|24|twenty fourth)',
    'christmas eve',
  ),
  e('(?:31st|31|thirty first) (?:of )?december|december (?:the )?(?:31st|31|thirty first)', 'new year eve'),
  e(
    '(?:earliest|first thing|how early) (?:i|we) can (?:drop|bring) (?:him|her|them|my \\w+|our \\w+|it) (?:off|in)|(?:drop|bring) (?:him|her|them|my \\w+|our \\w+) (?:off|in) (?:early|first thing)',
    'drop-off, drop off, open, opening',
  ),
  e(
    '(?:get|go|move) (?:into|in to) (?:the|our|my) (?:room|rooms|cottage|apartment|flat|cabin|lodge)|(?:room|rooms) (?:be )?ready|arrival time|(?:time|when) (?:can|could|should) (?:we|i) arrive',
    'check-in, check in',
  ),
  // "What if we get stuck on a puzzle?": the help the business gives ("up to three hints").
  e(
    '(?:get|gets|getting) stuck|(?:we|i) (?:are|am|re|m) stuck|can(?:not| ?t) (?:solve|work (?:it|this|that) out|figure (?:it|this|that) out)',
    'hint, hints, clue, clues',
  ),
  // "How early should we get there?": how long before the booked time to arrive ("Please arrive
  // 15 minutes before your game"), not when the doors open.
  e(
    'how (?:early|soon) (?:should|do|must|shall|would) (?:i|we|they) (?:get there|get here|arrive|turn up|come|be there|be here)|how (?:early|long) before (?:should|do|must) (?:i|we) (?:arrive|get there|turn up|come)',
    'arrive, early',
  ),
  e(
    'be out of (?:the|our|my) (?:room|rooms|cottage|apartment|flat|cabin|lodge)|(?:leave|vacate) (?:the|our|my) (?:room|rooms|cottage|apartment|flat|cabin|lodge)|on the last (?:morning|day)',
    'check-out, check out',
  ),
  e(
    '(?:at|during the|in the middle of the|late at|that) night|overnight|after hours|out of hours|after (?:you|you have|you are) close|when (?:you are|you re) closed',
    'out of hours, after hours, emergency, night, 24 hours',
  ),
  // A first session to try, whatever the trade calls it (trial, taster, introductory, a cake
  // maker's tasting).
  e(
    'taster(?: lesson| session| class| day)?|try (?:it|you|the \\w+) out|(?:one|a|first) (?:lesson|session|class|visit) to (?:try|see)|give it a try|try before|try (?:some|a bit|a little|a piece|a slice)(?: of)?(?: \\w+)? (?:first|before)',
    'trial, taster, introductory, try, tasting',
  ),
  // "Do parents have to pay?" of "Adults come in free": the grown-ups who bring the children.
  e('grown ?ups?|adult learners?|parents|mums? and dads?|mum or dad', 'adult, adults'),
  // "Is there somewhere for little ones?": young children, as a play or class page names them.
  e(
    'little ones?|little uns?|tiny tots|tots',
    'toddler, toddlers, young children, children, kids, under 4s, under 5s',
  ),
  // "Is there somewhere for the little ones?": a part of the place set aside for them.
  e(
    '(?:somewhere|anywhere) (?:just )?for (?:the |our |my )?(?:little ones?|toddlers?|babies|young ones|younger ones)',
    'area, room, space, zone',
  ),
  // "What if I miss a week?" of a weekly course: missing that week's class, not a length of time.
  e('miss(?:ed|ing)? (?:a|one|the odd) (?:week|fortnight)', 'miss, missed, catch up, class, session, lesson'),
  // "What time will you turn up?": when the business arrives at the caller's.
  e(
    '(?:will|would|do|does|did|when|what time) (?:you|they|he|she|the driver|your driver|the engineer|someone) (?:turn|show|rock) up',
    'arrive, arriving, arrival, arrives',
  ),
  // "How soon can you get here?": how long the business takes to reach a caller who needs it.
  e(
    'how (?:quickly|soon|fast) (?:can|could|will|would) (?:you|someone|somebody|one of you|an engineer|a technician|a plumber|a locksmith|an electrician)(?: \\w+)? (?:get|be|come|arrive|turn up|reach)|how long (?:until|till|before) (?:you|someone|somebody|an engineer) (?:get|gets|arrive|arrives|come|comes|turn up|turns up)|how long (?:will|would) (?:it take you|you take) to (?:get|arrive|come)',
    'with you, within, arrive, response, response time',
  ),
  // "A walk on his own", "a lesson by herself": a solo or private one of the thing, not the
  // caller's company ("on its own" of a thing alone is the thing itself: "an x-ray on its own").
  e(
    '(?:walk|walks|lesson|lessons|session|sessions|class|classes|visit|visits|ride|rides) (?:for (?:him|her|them) )?(?:on (?:his|her|their|my) own|by (?:himself|herself|themselves|myself))',
    'solo, private, individual, onetoone',
  ),
  // "How long will you have my dog for?", "how long will I be without my car?": how long the
  // work on the caller's thing takes, until it is ready or done (not "collected": what is left
  // uncollected is another rule).
  e(
    'how long (?:will|would|do|does) (?:you|they) (?:have|keep|need|hold on to) (?:my|our|his|her|the) \\w+|how long (?:will|would) (?:i|we) be without (?:my|our|his|her|the) \\w+|how long (?:until|till|before) (?:i|we) (?:get|have) (?:my|our|his|her|the) \\w+ back',
    'take, takes, ready, done, receive',
  ),
  // Workers checked for a criminal record: the UK's DBS (formerly CRB) check.
  e(
    'police check\\w*|(?:background|criminal record|criminal) checks?|background checked|checked by the police|vetted',
    'dbs, dbs checked, crb, enhanced dbs, background check, background checks, vetted',
  ),
  // The work done is not right: what the business does about it (its guarantee, a free
  // adjustment, a redo), in whichever words it puts it ("What if I'm not happy?").
  e(
    '(?:is|am|are|was|were) not (?:happy|satisfied|pleased)|(?:does|did|do) not fit(?: properly| right| well)?(?: afterwards| after)?|(?:is|was|are) not (?:right|done right|done properly)|(?:go|goes|went|gone) wrong (?:afterwards|after)|(?:something|anything) (?:is |was )?wrong with (?:it|the work|the job)|not up to scratch',
    'not happy, satisfied, satisfaction, guarantee, guaranteed, adjust, redo, put right, bring it back, free of charge, complaint',
  ),
  // "A good quality tyre": the better of a range ("Premium", "Deluxe"), in the list's own word.
  e(
    '(?:good|high|top|best|better) quality|top of the range|top end|(?:the )?best (?:one|ones) you (?:do|have|sell)',
    'premium, deluxe, luxury, quality, top of the range',
  ),
  // A job wanted sooner than usual: the business's faster service ("express", "priority").
  e(
    'rush (?:it|them|the job|the order|my order|my job)|(?:in|on) a (?:rush|hurry)|(?:do|get|have|make) (?:it|them) (?:quicker|faster|sooner|urgently)|(?:need|want) (?:it|them) (?:urgently|in a hurry|quicker|faster|sooner)|hurry (?:it|them) up|speed (?:it|things) up|(?:quick|fast) turnaround',
    'express, priority, fast track, same day, urgent, rush',
  ),
  // "Do I have to book?" asks whether an appointment is needed, in whichever word the business
  // uses ("Do I need an appointment? Not for hems, just drop in").
  e(
    '(?:do|does|will|would) (?:i|we|you|one) (?:have to|need to|got to|ever need to) (?:book|reserve|make a booking)(?: in| ahead| in advance| first)?|(?:is|do you) (?:booking|a booking) (?:needed|necessary|required|essential)|(?:do|can) (?:i|we) just (?:turn up|show up|drop in|walk in)',
    'appointment, appointments, booking, bookings, book, in advance, walk in, drop in',
  ),
  e(
    'walk in|drop in|pop in|just turn up|just show up|without (?:an )?(?:appointment|booking)',
    'walk in, walk ins, without an appointment',
  ),
  // "How do I know when you're coming?": the business tells the caller before a visit ("we text
  // you the day before", "you'll get a reminder").
  e(
    'how (?:do|will|would) (?:i|we) know (?:when|what time|what day) (?:you are|you re|you will be|you ll be|you|someone is|someone will be) (?:coming|arriving|here|due|round)|(?:let|tell) (?:me|us) know (?:when|before) you (?:come|are coming|re coming)',
    'text, remind, reminder, notify',
  ),
  e(
    '(?:seen|see me|fit me in|come) today|same day|at short notice|as soon as possible|asap',
    'same day, same-day, emergency, urgent, today',
  ),
  // "Can you get flowers to my mum today?", "could it be ready today?": done the same day.
  e(
    '(?:deliver\\w*|send|sent|arrive|ready|done|fixed|repaired|fitted|collected|(?:get|bring|take) (?:\\w+ ){1,2}to (?:\\w+ )?\\w+) (?:\\w+ ){0,5}today',
    'same day, same-day, today',
  ),
  e(
    'call off|can not make (?:it|(?:a|the|my|our|his|her|their|next|this) (?:lesson|appointment|session|class|booking|visit))|cannot make it|not able to make it|(?:pull|drop|back) out(?: of)?|reschedule|move (?:my|the|our) (?:appointment|booking)|change (?:my|the|our) (?:appointment|booking)',
    'cancel, cancellation, reschedule, notice',
  ),
  e(
    'how (?:far|long|many days|many hours) (?:ahead|in advance|beforehand)|how much (?:notice|warning)|(?:tell|let) you know (?:in advance|beforehand)',
    'notice, in advance, advance, ahead',
  ),
  // "How far ahead do I need to get in touch to get a slot?": reaching the business to book.
  e(
    'get in touch|get hold of you|(?:get|grab|bag|book) (?:a|an|my|our) (?:slot|date)',
    'book, booking, contact',
  ),
  // Ending a rental or a contract: moving one's things out for good.
  e(
    'move (?:my|our|all my|all our|the) (?:stuff|things|belongings|goods) out|clear (?:my|our|the) (?:unit|locker|container|room) out|(?:end|finish|stop) (?:my|our|the) (?:rental|contract|agreement|tenancy)',
    'leave, leaving, notice, end',
  ),
  e(
    '(?:running|a bit|bit|be|am|was|turn up) (?:a bit |a little |very )?(?:late|behind)',
    'late, lateness, arrive',
  ),
  e(
    '(?:come|comes|visit|get) (?:out )?to (?:my|our|the|his|her|their) (?:house|home|place|flat|door)|(?:house|home) (?:call|calls|visit|visits)|come (?:out )?to (?:me|us|him|her|them)|(?:can not|not able to) (?:get|go) out of the house|housebound',
    'home visit, home visits, at home, mobile, house call, visit',
  ),
  e(
    '(?:come|comes|coming|pop|pops|popping) (?:round|over) to (?:look|have a look|see|measure|check)',
    'visit, visits, home visit',
  ),
  e(
    'come and (?:get|fetch|collect) (?:me|him|her|them|my \\w+|our \\w+)|(?:pick|fetch|collect) (?:me|him|her|them|my \\w+|our \\w+) (?:up )?from (?:my|our|the|his|her|their) (?:house|home|place|flat|work|school)',
    'pick up, pick-up, pickup, collection, collect',
  ),
  e(
    'online (?:appointment|appointments|consultation|session|visit|call)|video (?:call|appointment|consultation)|over (?:zoom|the internet|video)|remotely',
    'online, video, virtual, remote, telehealth',
  ),
  e(
    'first (?:time|visit|appointment)|first timers?|never been (?:before|to you)|new (?:patient|client|customer)',
    'new patient, new client, new customer, new member, new pupil, new student, first visit, initial, first appointment, introductory',
  ),
  // "I've never driven a boat before", "we're complete beginners": whether experience is needed
  // ("No experience is needed", "Beginners welcome").
  e(
    '(?:never|not) been [a-z]+ing before|(?:never|not) (?:done|driven|sailed|rowed|ridden|tried|climbed|played|skied|paddled|surfed|used|flown|fished) (?:(?:a|an|the|one|it|this|that|any|[a-z]+) ){0,2}before|(?:complete|total|absolute) (?:beginners?|novices?)|no experience|(?:any|much) experience',
    'experience, no experience, beginner, beginners, novice, novices',
  ),
  e(
    '(?:bring|have) with (?:me|us)|need to bring|should (?:i|we) bring|what to bring',
    'bring, records, vaccination records, documents, history',
  ),
  e(
    'party of|group of|big group|large group|(?:a )?(?:10|ten|12|twelve|15|fifteen|20|twenty) (?:of us|people|guests)',
    'group, groups, party, parties, large',
  ),
];

/** Getting there: parking, access, transport. */
export const access: Idiom[] = [
  // Not "leave the car with you" alone: at a garage that is dropping it off, not parking.
  e(
    'park|parking|leave (?:my|the|our) car (?:when|while|near|nearby|outside|close)|(?:anywhere|somewhere) (?:to|i can|we can) (?:leave|put) (?:my|the|our|a) car',
    'parking, car park, park',
  ),
  e(
    'wheelchair|step free|disabled|disability|accessible|accessibility|mobility|pram|buggy|stairs|upstairs|downstairs|elevator|get up to',
    'wheelchair, accessible, access, step free, ramp, lift, stairs, ground floor',
  ),
  e(
    '(?:train|railway|rail|tube|underground|bus) station|bus stop|bus|by train|tube|public transport|station',
    'bus, train, station',
  ),
  // Getting into a locked place of one's own: a unit, a locker, the building out of hours.
  e(
    'get (?:in|into|in to) (?:my|our|the) (?:unit|units|locker|lockers|container|containers|site|building|store|storage|room)|(?:let|get) (?:me|us) in|get (?:to|at) (?:my|our) (?:stuff|things|belongings|unit|units|locker|boxes|items)|(?:time|when|how early|how late) (?:can|could) (?:i|we) get in\\b',
    'access, entry, get in',
  ),
];
