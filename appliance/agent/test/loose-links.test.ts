import t from 'tap';
import { agentFromDocument, checkedReply } from './checked-reply.js';
import { documentBytes, suiteBusiness } from './knowledge-suite/businesses.js';

/**
 * A describing word the documents know only by a loose WordNet link ("protective", whose one
 * link into the valeting sheet is "dashboard" at 0.5) weighs as little as a describing word they
 * lack: "who does the protective coating?" is about the coating, which the owner's line names
 * (question-subject.ts). Before, the rare adjective outweighed the noun and the agent fell back.
 * Checked on the valeting sheet of the suite's tune part, through the real extraction.
 */
t.test('a loosely linked adjective does not outweigh the noun it describes', async (t) => {
  const valet = await agentFromDocument('docx', documentBytes(suiteBusiness('valet')), 'Tidewell');
  const a = await checkedReply(valet, 'Who does the protective coating?');
  t.match(a, /Lee Marsden/, a);
  const b = await checkedReply(valet, 'Who does the ceramic coating?');
  t.match(b, /Lee Marsden/, b);
});

/**
 * "Who helps people recovering from an injury?": "people" is those the person serves; on the
 * gym's page it links only loosely ("group", "family") and its weight sank the line that names
 * rehabilitation below the coverage floor. In a who-question it is not the subject.
 */
t.test('"people" in a who-question is not what is asked', async (t) => {
  const b = suiteBusiness('gym');
  const gym = await agentFromDocument('html', documentBytes(b), b.name);
  const a = await checkedReply(gym, 'Who helps people recovering from an injury?');
  t.match(a, /Marcus Lee/, a);
});
