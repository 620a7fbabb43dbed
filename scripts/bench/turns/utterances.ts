/**
 * Caller utterances for the end-of-turn benchmark (bench:turns). `|` marks a natural mid-sentence
 * pause (hesitation, searching for a word, a list); a trailing `?` marks a complete question (the
 * turn may end early after it). The yardstick is written by hand and shares no code with the
 * engine it measures (turn-content.ts).
 *
 * `tune` was written while the rules were written; `heldOut` was written afterwards and the rules
 * were not changed after reading its results.
 */

export const tune: readonly string[] = [
  // hesitations inside a question or request
  "I'd like to ask about the um | cleaning prices",
  'what are your opening hours | on saturday?',
  'do you have any | appointments left this week?',
  'how much does a | filling cost?',
  'what time do you | close tonight?',
  'can I | book a checkup for my son?',
  'can you tell me | where you are located?',
  'is it possible to | come in on sunday?',
  'I was wondering | if you take new patients',
  'my dog has been | limping since yesterday',
  'I need to | cancel my appointment',
  'I want to book an appointment | for tuesday morning',
  'do you know | if the doctor is in today?',
  'so um | what are your prices?',
  'I have a question about | my bill',
  'how long does | a cleaning take?',
  'is there | parking near you?',
  'we are looking for | a plumber',
  'what is the | address?',
  'could you give me | your email address?',
  // complete questions said in one go
  'what are your opening hours?',
  'where are you located?',
  'do you take walk ins?',
  'how much is a cleaning?',
  'are you open on sunday?',
  'can I talk to someone?',
  'what time do you close?',
  'do you accept credit cards?',
  'how long does it take?',
  'is the doctor in today?',
  // statements said in one go
  'I would like to book an appointment',
  'my name is John Smith',
  'thank you very much',
  'I need a plumber',
];

export const heldOut: readonly string[] = [
  'do you do | teeth whitening?',
  'what kind of | insurance do you take?',
  'could I | speak to the manager?',
  'I would like to | reschedule my visit',
  'how early | can I drop off my car?',
  'when is the | next available slot?',
  'my car is making a | strange noise',
  'are you | open late on thursdays?',
  'what do I need to | bring with me?',
  'is it | expensive?',
  'does the | price include the exam?',
  'I think I left my | glasses there',
  'uh | do you deliver?',
  'how do I | get to your office?',
  'we need someone to look at | our heating',
  'who should I | talk to about billing?',
  'do you have | anything earlier?',
  'where can I | park?',
  'I called yesterday and | nobody answered',
  'can my wife | come with me?',
  'how many | people work there?',
  'what is your | cancellation policy?',
  // complete questions said in one go
  'do you have anything earlier?',
  'what is your cancellation policy?',
  'can I bring my dog?',
  'how far are you from the station?',
  'are you closed on holidays?',
  'does it hurt?',
  'who is the dentist today?',
  'when do you open tomorrow?',
  // statements
  'I would like to leave a message',
  'please call me back',
  'that is all thanks',
];
