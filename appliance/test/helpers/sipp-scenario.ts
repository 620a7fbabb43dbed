/**
 * SIPp scenario text for the tests and benches that place calls with SIPp's own XML (the UAC side
 * of one dialog): the INVITE with its SDP offer, the ACK, in-dialog requests (INFO, BYE) and the
 * ACK of a rejected INVITE. One builder, so that every scenario sends the same well-formed
 * headers; SIPp fills the [bracketed] keywords at run time.
 */

export interface SippCaller {
  /** The From user part (default "sipp"): a caller number such as "+15557770001". */
  user?: string;
  /** Inserted between "SIPpTag" and the call number, to tell scenarios apart in logs. */
  tagInfix?: string;
}

export interface SippOffer extends SippCaller {
  /** RTP payload types offered (default [0] = PCMU/8000). */
  payloads?: readonly number[];
  /** telephone-event events when 101 is offered (default "0-15"). */
  dtmfEvents?: string;
  /** A response-time counter started by the INVITE (SIPp's start_rtd). */
  startRtd?: string;
}

const rtpmaps: Record<number, string> = {
  0: 'a=rtpmap:0 PCMU/8000',
  8: 'a=rtpmap:8 PCMA/8000',
  9: 'a=rtpmap:9 G722/8000',
};

function from(c: SippCaller): string {
  return `From: sipp <sip:${c.user ?? 'sipp'}@[local_ip]:[local_port]>;tag=[pid]SIPpTag${c.tagInfix ?? ''}[call_number]`;
}

/** The scenario document around `steps` (XML elements, one per line). */
export function sippScenario(name: string, steps: string): string {
  return `<?xml version="1.0" encoding="ISO-8859-1" ?>
<!DOCTYPE scenario SYSTEM "sipp.dtd">
<scenario name="${name}">
${steps}</scenario>
`;
}

/** The INVITE with an SDP offer (retransmitted every 500 ms until a response). */
export function sippInvite(o: SippOffer = {}): string {
  const payloads = o.payloads ?? [0];
  const sdpLines = payloads.flatMap((pt) =>
    pt === 101
      ? ['a=rtpmap:101 telephone-event/8000', `a=fmtp:101 ${o.dtmfEvents ?? '0-15'}`]
      : [rtpmaps[pt] ?? `a=rtpmap:${pt} PT${pt}/8000`],
  );
  const rtd = o.startRtd ? ` start_rtd="${o.startRtd}"` : '';
  return `  <send retrans="500"${rtd}>
    <![CDATA[
      INVITE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      ${from(o)}
      To: [service] <sip:[service]@[remote_ip]:[remote_port]>
      Call-ID: [call_id]
      CSeq: 1 INVITE
      Contact: sip:sipp@[local_ip]:[local_port]
      Max-Forwards: 70
      Content-Type: application/sdp
      Content-Length: [len]

      v=0
      o=user1 53655765 2353687637 IN IP[local_ip_type] [local_ip]
      s=-
      c=IN IP[local_ip_type] [local_ip]
      t=0 0
      m=audio [auto_media_port] RTP/AVP ${payloads.join(' ')}
      ${sdpLines.join('\n      ')}
    ]]>
  </send>
`;
}

/**
 * A request inside the established dialog (ACK of the 200, INFO, BYE): new Via branch, the
 * peer's To tag. ACK is sent once; others are retransmitted every 500 ms.
 */
export function sippInDialog(
  method: 'ACK' | 'INFO' | 'BYE',
  cseq: number,
  o: SippCaller & {
    contentType?: string;
    body?: string;
    /**
     * Through a proxy: sent to the 200's Contact with the Route set its Record-Route built (the
     * 200 must be received with rrs="true"), as RFC 3261 §12.2.1.1 asks; default: to [remote_ip].
     */
    routed?: boolean;
  } = {},
): string {
  const body = o.body
    ? `Content-Type: ${o.contentType ?? 'text/plain'}\n      Content-Length: [len]\n\n      ${o.body
        .split('\n')
        .join('\n      ')}`
    : 'Content-Length: 0';
  const target = o.routed ? '[next_url]' : 'sip:[service]@[remote_ip]:[remote_port]';
  return `  <send${method === 'ACK' ? '' : ' retrans="500"'}>
    <![CDATA[
      ${method} ${target} SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]${o.routed ? '\n      [routes]' : ''}
      ${from(o)}
      To: [service] <sip:[service]@[remote_ip]:[remote_port]>[peer_tag_param]
      Call-ID: [call_id]
      CSeq: ${cseq} ${method === 'ACK' ? 'ACK' : method}
      Contact: sip:sipp@[local_ip]:[local_port]
      Max-Forwards: 70
      ${body}
    ]]>
  </send>
`;
}

/** The ACK of a non-2xx final response: same transaction as the INVITE (RFC 3261 §17.1.1.3). */
export function sippAckRejected(): string {
  return `  <send>
    <![CDATA[
      ACK sip:[service]@[remote_ip]:[remote_port] SIP/2.0
      [last_Via:]
      [last_From:]
      [last_To:]
      [last_Call-ID:]
      CSeq: 1 ACK
      Contact: sip:sipp@[local_ip]:[local_port]
      Max-Forwards: 70
      Content-Length: 0
    ]]>
  </send>
`;
}

/** Plays a pcap in the background, then pauses `pauseMs` (which paces what comes next). */
export function sippPlay(pcap: string, pauseMs: number): string {
  return `  <nop><action><exec play_pcap_audio="${pcap}"/></action></nop>\n  <pause milliseconds="${pauseMs}"/>\n`;
}
