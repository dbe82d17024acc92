import type { ConversationItem, ConversationSource, SpeakerRole } from '../../../src-main/contract/inspector';
import { ToolCallCard } from './ToolCallCard';

const SOURCE_NOTES: Record<ConversationSource, string> = {
  'end-of-call-report': 'from the end-of-call report',
  'conversation-update': 'from the latest conversation-update',
  transcript: 'from final transcripts',
  none: '',
};

const SPEAKER_LABELS: Record<SpeakerRole, string> = {
  caller: 'Caller',
  assistant: 'Assistant',
  system: 'System prompt',
};

function offset(seconds: number | null): string {
  return seconds === null ? '' : `${seconds.toFixed(1)}s`;
}

/** The conversation as chat bubbles, assistant on the left and caller on the right, tool calls inline. */
export function Conversation({ items, source }: { items: ConversationItem[]; source: ConversationSource }) {
  if (items.length === 0) {
    return <p className="muted">No conversation yet. It appears with transcripts, conversation updates or the end-of-call report.</p>;
  }

  return (
    <div className="bubbles" data-testid="conversation">
      <div className="muted" style={{ fontSize: 12 }}>
        Conversation {SOURCE_NOTES[source]}
      </div>
      {items.map((item, index) =>
        item.kind === 'message' ? (
          <div key={index} className={`bubble ${item.role}`} data-role={item.role}>
            <div className="bubble-meta">
              {SPEAKER_LABELS[item.role]} {offset(item.secondsFromStart)}
            </div>
            {item.text}
          </div>
        ) : (
          item.toolCalls.map((call, callIndex) => <ToolCallCard key={`${index}-${call.toolCallId ?? callIndex}`} call={call} />)
        ),
      )}
    </div>
  );
}
