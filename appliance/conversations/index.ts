export { ConversationStore } from './store.js';
export type {
  ConversationFilter,
  ConversationView,
  NewTurn,
  Speaker,
  TurnLatency,
  TurnView,
} from './store.js';
export { conversationRoutes, conversationView, turnView } from './routes.js';
