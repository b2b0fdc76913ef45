import type { Strings } from './strings';

/**
 * A file's size: whole kilobytes rounded up under 1 000 of them (never "1024 KB"), else megabytes
 * with one decimal. The console says the same for the same file (demo/console/format.ts).
 */
const size = (bytes: number) => (Math.ceil(bytes / 1024) < 1000 ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / 2 ** 20).toFixed(1)} MB`);

const en: Strings = {
  title: 'Customer service',
  subtitle: 'Answers right away – or from a person',
  close: 'Minimise',
  agentHelping: (name) => `${name} is helping you`,
  launcherOpen: 'Open chat',
  launcherClose: 'Minimise chat',
  launcherUnread: (n) => `Open chat, ${n} new ${n === 1 ? 'message' : 'messages'}`,
  greeting: 'Hi! Type your question and I will look for an answer right away.',
  inputLabel: 'Your question',
  placeholder: 'Type your question…',
  suggestions: 'Suggested answers',
  loadingFaq: 'Loading answers…',
  faqUnavailable: 'The answers could not be loaded just now. You can still talk to a person.',
  noAnswerHint: "I couldn't find an answer. Press Enter and I will pass your question to a person.",
  // Read when the words are loaded: a phone has no arrow keys, its visitor taps.
  get suggestHint() {
    return matchMedia('(pointer:coarse)').matches ? 'Tap an answer.' : 'Pick an answer with the arrow keys and Enter.';
  },
  replyGreeting: 'Hello! How can I help?',
  replyThanks: "You're welcome! Just ask if anything else comes up.",
  back: 'Back',
  helped: 'Did this help?',
  yes: 'Yes',
  no: 'No',
  gladItHelped: 'Great! Ask more whenever you need.',
  talkToPerson: 'Talk to a person',
  personWillJoin: (place) =>
    !place
      ? 'A person will join shortly'
      : `A person will join shortly. ${place.ahead === 0 ? 'You are next in line.' : `${place.ahead} ${place.ahead === 1 ? 'visitor is' : 'visitors are'} ahead of you.`}${
          place.typicalWaitMs === undefined ? '' : ` Lately the wait has typically been ${place.typicalWaitMs < 60_000 ? 'under a minute' : `about ${Math.round(place.typicalWaitMs / 60_000)} min`}.`
        }`,
  agentJoined: (name) => `${name} joined the conversation`,
  nobodyOnline: (opens) =>
    `Nobody from our team is online right now${opens ? `; we'll be back ${opens}` : ''}. Your messages are kept, and we will answer here as soon as someone is back.`,
  emailHint: 'If you would like the answer by email as well, write your address in a message.',
  emailNoted: (to) => `If you have left by then, we will send the answer to ${to} as well.`,
  locale: 'en-GB',
  agentLeft: (name, away) => `${name} ${away ? 'is no longer available' : 'passed your conversation on'}. The next free agent will continue from here.`,
  agentTyping: (name) => `${name} is typing…`,
  newMessage: (name, n) => (n === 1 ? `New message from ${name}` : `${n} new messages, the last from ${name}`),
  you: 'You',
  agent: 'Agent',
  bot: 'Bot',
  botShowed: (q) => `Showed the answer: ${q}`,
  feedbackYes: 'The answer helped',
  feedbackNo: 'The answer did not help',
  conversationClosed: 'The conversation has ended',
  endChat: 'End chat',
  endAsk: 'End this chat?',
  endYes: 'Yes, end it',
  endNo: 'Keep chatting',
  ending: 'Ending the chat…',
  messageLabel: 'Message',
  messagePlaceholder: 'Type a message…',
  send: 'Send',
  attach: 'Attach a photo or file',
  file: (name, bytes) => `${name} (${size(bytes)})`,
  download: (name, bytes) => `Download ${name} (${size(bytes)})`,
  downloadFailed: 'Download failed.',
  status: { sending: 'Sending…', sent: 'Sent', failed: 'Not sent', read: 'Seen' },
  retry: 'Try again',
  connection: {
    reconnecting: 'Connection lost, reconnecting…',
    offline: 'Offline. Messages will be sent when the connection is back.',
  },
  rateTitle: 'How did we do?',
  rateScore: (n) => `${n} out of 5`,
  rateComment: 'Comment (optional)',
  rateSend: 'Send rating',
  thanks: 'Thank you for your feedback!',
  startOver: 'New question',
  transcript: 'Conversation',
  errors: {
    conversation_closed: 'The conversation had just ended. Try again to start a new one with this message.',
    no_conversation: 'The conversation has already ended.',
    too_large: `The file is too large: at most 10 MB.`,
    bad_file: 'Only images (JPEG, PNG, WebP, GIF) and PDF files can be sent.',
    conversation_full: 'No more files can be sent in this conversation. You can still write messages.',
    daily_quota: 'No more files can be sent today. You can send more tomorrow.',
    rate_limited: 'Too many files at once – wait a moment and try again.',
    too_many_waiting: 'Many people on your network are already waiting. Try again in a moment.',
    internal: 'Something went wrong on our side.',
  },
};
export default en;
