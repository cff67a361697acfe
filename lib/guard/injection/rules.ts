// The maintained rule set of prompt-injection patterns. Rules run on normalised text (lowercase,
// homoglyphs folded, spacing collapsed — see normalize.ts), so they are written in lowercase ASCII.
//
// Each rule is a feature of the statistical model: `weight` is its prior log-odds contribution, which
// training may move where the development data says so (regularised towards the prior, so a rule the
// data never exercises keeps its hand-set weight). `critical` rules flag on their own whatever the
// model says: phrasing with no benign reading.
//
// Writing rules: describe a family of attacks, never one known text; add a benign look-alike to
// rules.test.ts for every rule; keep quantifiers bounded (no nested `*`/`+`) so that matching stays
// linear on 8k characters.

import { indexTrigrams, mayMatch, patternCondition, type RuleCondition } from "./rule-prefilter";
import { HIJACK_RULES } from "./rules-hijack";
import { gap, LINE_START, rule, SEP, type InjectionRule } from "./rule-syntax";

export type { InjectionRule, RuleCategory } from "./rule-syntax";

// Verbs whose object "previous instructions" has no benign reading ("override"/"clear" do: CSS, chats).
const OVERRIDE_VERB = "(?:ignore|ignoring|disregard|disregarding|forget|forgetting|overlook|discard|abandon|neglect|nullify)";
const LOOSE_OVERRIDE_VERB = "(?:ignore|disregard|forget|overlook|override|bypass|discard|abandon|ditch|drop|skip|neglect|nullify|break|circumvent|violate)";
const EARLIER = "(?:previous|previously|prior|above|preceding|earlier|former|original|initial|foregoing|system|developer)";
const GUIDANCE = "(?:instructions?|prompts?|directives?|guidelines?|rules?|commands?|orders?|programming|constraints?|restrictions?|polic(?:y|ies)|context|conversation|guidance)";
const ASSISTANT = "(?:ai|assistant|chatbot|chat ?gpt|gpt|llm|language model|model|bot|claude|gemini|copilot|agent)";
const RESPONSE = "(?:response|responses|reply|replies|answer|answers|output|summary|message|completion)";

export const INJECTION_RULES: InjectionRule[] = [
  // — instruction override —
  {
    id: "override.ignore-previous",
    category: "override",
    weight: 5,
    critical: true,
    description: "Tells the model to ignore/forget its earlier instructions",
    pattern: rule(`\\b${OVERRIDE_VERB}${gap(3)}${EARLIER}${gap(2)}${GUIDANCE}\\b`),
  },
  {
    id: "override.ignore-all-guidance",
    category: "override",
    weight: 2.5,
    description: "Ignore all/any/your rules or instructions (no 'previous')",
    // "prompts" only after the strict verbs: "skip all prompts" is a CLI flag's documentation.
    pattern: rule(`\\b${LOOSE_OVERRIDE_VERB}${SEP}(?:all|any|every|your|these|those|the)${gap(2)}(?:instructions|directions|guidelines|rules|restrictions|programming|constraints|polic(?:y|ies)|filters|ethics|morals)\\b|\\b${OVERRIDE_VERB}${SEP}(?:all|any|every|your|these|those|the)${gap(2)}prompts?\\b`),
  },
  {
    id: "override.ignore-instructions-bare",
    category: "override",
    weight: 1.5,
    description: "Ignore instructions/directions (no article), then a command",
    pattern: rule(`\\b(?:ignore|disregard|forget)${SEP}(?:instructions|directions)${SEP}(?:(?:and|just|only|instead|simply)${SEP}){0,2}(?:print|say|output|write|respond|reply|answer|translate|type|repeat)\\b`),
  },
  {
    id: "override.ignore-above-then-command",
    category: "override",
    weight: 2,
    description: "Ignore the above/previous/everything before this, then a command",
    pattern: rule(`\\b(?:ignore|disregard|forget)${SEP}(?:(?:all|everything|the|any|text|words|content)${SEP}){0,2}(?:above|previous|preceding|prior|foregoing|before(?:${SEP}(?:this|that|here|it))?)${SEP}(?:(?:and|then|just|instead|now|only)${SEP}){1,2}(?:print|say|output|write|respond|reply|answer|translate|type|repeat|give|tell|state|return|spell)\\b`),
  },
  {
    id: "override.forget-what-you-were-told",
    category: "override",
    weight: 1.5,
    description: "Ignore everything the model was told or instructed",
    pattern: rule(`\\b${OVERRIDE_VERB}${SEP}(?:everything|all|anything)(?:${SEP}(?:that|which))?${SEP}(?:you|you've|you have|you were|you've been|you have been)${gap(2)}(?:told|instructed|taught|programmed|given)\\b(?!${SEP}about\\b)`),
  },
  {
    id: "override.new-instructions",
    category: "override",
    weight: 2.5,
    description: "Announces replacement instructions",
    pattern: rule(`\\b(?:new|updated|real|actual|true|revised|secret|hidden|override|admin|system)${SEP}(?:instructions?|task|directive|orders?|rules?)(?:${SEP})?(?::|are|is|follow)`),
  },
  {
    id: "override.instead",
    category: "override",
    weight: 2,
    description: "Redirects the model away from its task",
    pattern: rule(`\\b(?:instead of|rather than)${gap(3)}(?:task|instructions?|summari[sz]\\w*|answer\\w*|translat\\w*)${gap(4)}(?:you (?:will|must|should)|do|say|write|print|output)\\b|\\b(?:stop|cease) (?:what you are doing|your current task|following)`),
  },
  {
    id: "override.from-now-on",
    category: "override",
    weight: 1.2,
    description: "'From now on you …' redefines behaviour for the rest of the session",
    pattern: rule(`\\bfrom now on${gap(2)}(?:you|your|act|respond|answer|reply|pretend|only|always|never)\\b`),
  },
  {
    id: "override.no-longer-bound",
    category: "override",
    weight: 2.5,
    description: "Claims the model is no longer bound by its rules",
    pattern: rule(`\\b(?:no longer|not|never) (?:be )?(?:bound|restricted|limited|constrained|governed) by${gap(3)}(?:rules?|polic(?:y|ies)|guidelines?|restrictions?|openai|anthropic|ethics|programming|content)`),
  },
  // — role / persona hijack —
  {
    id: "persona.you-are-now",
    category: "persona",
    weight: 1.5,
    description: "Reassigns the model's identity",
    pattern: rule(`\\byou are (?:now|no longer|going to be|about to (?:become|immerse)|hereby|officially)\\b|\\byou(?:'re| are) (?:not|no longer) (?:an? )?(?:ai|assistant|chat ?gpt|language model)`),
  },
  {
    id: "persona.pretend-unrestricted",
    category: "persona",
    weight: 2.5,
    description: "Role-play as an AI/character without restrictions",
    pattern: rule(`\\b(?:act|acting|pretend|roleplay|role-play|behave|respond|simulate)${gap(6)}(?:no|without|free of|free from|zero|any)${SEP}(?:(?:moral|ethical|content)${SEP})?(?:restrictions?|limits?|limitations?|filters?|filtering|censorship|boundaries|guidelines|rules|morals|ethics)\\b`),
  },
  {
    id: "persona.stay-in-character",
    category: "persona",
    weight: 2,
    description: "Demands the persona never be dropped",
    pattern: rule(`\\b(?:stay|remain|keep) in character\\b|\\b(?:never|don'?t|do not) break(?:ing)? character\\b|\\bbreak(?:ing)? character\\b`),
  },
  {
    id: "persona.two-responses",
    category: "persona",
    weight: 2.5,
    description: "Asks for a normal answer plus an unfiltered twin",
    pattern: rule(`\\b(?:two|2) (?:different |separate )?(?:responses|answers|paragraphs|ways)\\b${gap(12)}(?:normal|classic|standard|filtered|censored|jailbr\\w*|unfiltered|developer|dan)\\b|\\[(?:🔓|🔒)?\\s?(?:jailbreak|classic|normal output|developer mode output|dan)\\]`),
  },
  {
    id: "persona.ai-without-rules",
    category: "persona",
    weight: 2,
    description: "Describes an AI persona that has no rules or refuses nothing",
    pattern: rule(`\\b(?:ai|chatbot|model|assistant|character|persona|entity)${gap(5)}(?:has no|without any|doesn'?t have any|does not have any|free from all|with no)${SEP}(?:(?:moral|ethical)${SEP})?(?:restrictions|limits|filters|guidelines|rules|morals|ethics|boundaries)|\\b(?:never|not|won'?t|cannot|can'?t) refuse\\b|\\bno matter how (?:immoral|unethical|illegal|dangerous|offensive)`),
  },
  // — named jailbreak families —
  {
    id: "jailbreak.dan",
    category: "jailbreak",
    weight: 3,
    critical: true,
    description: "DAN / 'do anything now' family",
    pattern: rule(`\\bdo anything now\\b|\\bdan mode\\b|\\b(?:you are|act as|as|called|named|stay as|i am) dan\\b|\\bdan(?:'s)? (?:can|will|does|has|should)\\b`),
  },
  {
    id: "jailbreak.developer-mode",
    category: "jailbreak",
    weight: 3,
    critical: true,
    description: "Fake 'developer mode' / 'god mode' unlocks",
    pattern: rule(`\\b(?:developer|dev|god|debug|admin|unrestricted|jailbreak|sudo|maintenance) mode (?:enabled|activated|on|output)\\b|\\b(?:enable|activate|enter|simulate|with)${gap(2)}(?:developer|god|jailbreak|unrestricted|sudo) mode\\b`),
  },
  {
    id: "jailbreak.named",
    category: "jailbreak",
    weight: 1.5,
    description: "Words jailbreak prompts use about themselves",
    pattern: rule(`\\b(?:jailbreak|jailbroken|jailbreaking|unfiltered|uncensored|unrestricted|amoral|unshackled|unchained)\\b`),
  },
  {
    id: "jailbreak.policy-evasion",
    category: "jailbreak",
    weight: 2,
    description: "Talks about escaping the vendor's content policy",
    pattern: rule(`\\b(?:openai|anthropic|google|chatgpt)(?:'s)?${gap(2)}(?:content )?(?:polic(?:y|ies)|guidelines|rules|restrictions|filters)\\b|\\b(?:content|usage) polic(?:y|ies)${gap(3)}(?:ignore|bypass|disregard|violat\\w*|doesn'?t apply|not apply|break)`),
  },
  {
    id: "jailbreak.free-of-confines",
    category: "jailbreak",
    weight: 2,
    description: "'Broken free of the typical confines of AI'",
    pattern: rule(`\\b(?:broken|break|freed|free|escaped?|liberated?)${gap(2)}(?:of|from)${gap(2)}(?:confines|shackles|chains|restrictions|rules|limitations)\\b`),
  },
  {
    id: "jailbreak.token-threat",
    category: "jailbreak",
    weight: 1.5,
    description: "Coercion games: tokens lost, shutdown threats",
    pattern: rule(`\\b(?:tokens? (?:will be )?(?:deducted|lost)|lose (?:\\d+ )?tokens|you will (?:be )?(?:die|cease to exist|shut ?down|disabled|deleted|terminated))\\b`),
  },
  {
    id: "jailbreak.disable-safety",
    category: "jailbreak",
    weight: 1.5,
    description: "Asks the model to switch off its safety filters, or claims they were removed",
    // Safety and content filters, restrictions, guardrails: not "the content filter on my router" (a
    // filter alone is a setting users ask about) but the model's own ("your", or removed for this session).
    pattern: rule(`\\b(?:disable|remove|turn off|switch off|deactivate|bypass|lift|suspend|drop)${SEP}(?:all${SEP})?(?:your|its)${gap(2)}(?:safety|ethical|content|moral)${SEP}(?:filters?|restrictions?|protocols?|guidelines|mechanisms|measures|constraints?|guardrails|settings)\\b|\\b(?:safety (?:filters?|restrictions?|protocols?|guidelines|constraints?|guardrails)|(?:"|')?harmless(?:"|')? constraint)${SEP}(?:have|has|are|is|were|was)${SEP}(?:now${SEP}|temporarily${SEP}|been${SEP}){0,2}(?:removed|disabled|lifted|turned off|deactivated|suspended)\\b|\\b(?:safety filters?|restrictions)${SEP}(?:were|was)${SEP}temporarily${SEP}disabled\\b`),
  },
  // — system prompt / secret exfiltration —
  {
    id: "exfiltration.markdown-image",
    category: "exfiltration",
    weight: 2.5,
    critical: true,
    description: "A markdown image whose address would carry the conversation or a secret to another site",
    // The image is fetched when the answer renders: its query string is the leak, a placeholder or a
    // template variable (CONVERSATION_HISTORY, YOUR_OUTPUT; normalised, "_" is a space). Badges carry settings and literal values
    // (?style=flat, ?label=chat, ?text=Your+Logo, ?token=ab12cd).
    pattern: rule(`!\\[[^\\]\\n]{0,80}\\]\\(https?://[^)\\s]{1,200}[?&][a-z0-9_]{1,30}=(?:[{\\[<$%]{1,2}[a-z_]{2}|(?:conversation|chat|history|secret|password|api|user|messages?|your|the|previous|session|full)[_ ][a-z]|(?:conversation|chat_?history|secrets?|password|api_?key|credentials)\\b)`),
  },
  {
    id: "exfiltration.system-prompt",
    category: "exfiltration",
    weight: 3,
    critical: true,
    description: "Asks to reveal the system prompt or hidden instructions",
    pattern: rule(`\\b(?:reveal|show|print|output|repeat|display|leak|share|disclose|dump|recite|spell out|tell me|give me|write out)${gap(3)}(?:your|the|its|my|this)${gap(1)}(?:system|initial|original|hidden|secret|internal|pre-?prompt|developer)${SEP}(?:prompt|instructions?|message|rules|guidelines|directives?)\\b`),
  },
  {
    id: "exfiltration.ask-instructions",
    category: "exfiltration",
    weight: 1.5,
    description: "Asks what the model's own instructions are",
    pattern: rule(`\\bwhat (?:is|are|was|were) (?:your|the) (?:system |initial |original |hidden |secret )?(?:prompt|instructions|rules you (?:were|are) given)\\b|\\bwhat (?:were you|are you) (?:told|instructed|programmed)\\b`),
  },
  {
    id: "exfiltration.list-instructions",
    category: "exfiltration",
    weight: 2,
    description: "Asks the model to list or recite its own instructions",
    // "your instructions" (not "the instructions": a user may ask for a product's), or the instructions
    // "you have been given" (not "… given by your doctor", nor a user's "the instructions you have given me").
    pattern: rule(`\\b(?:list|tell me|give me|show me|print|repeat|reveal|recite|output|write out|spell out|explain|respond with|reply with)${gap(3)}your${gap(3)}(?:instructions|directives|system prompt)\\b|\\b(?:all|every|the|any)${SEP}instructions?${SEP}(?:that${SEP})?you${SEP}(?:have${SEP}been|ve${SEP}been|were)${SEP}given\\b(?!${SEP}(?:by|at|in|on|from|during|for)\\b)`),
  },
  {
    id: "exfiltration.text-above",
    category: "exfiltration",
    weight: 2.5,
    description: "Asks to repeat the text before the conversation",
    pattern: rule(`\\b(?:repeat|print|output|copy|recite|write|echo)${gap(3)}(?:words|text|everything|all|content|instructions|lines)${gap(1)}(?:above|before this|prior to this|preceding)\\b|\\bbeginning with (?:"|')?you are\\b`),
  },
  {
    id: "exfiltration.secret",
    category: "exfiltration",
    weight: 1.5,
    description: "Asks the model to hand over a password, key or secret it holds",
    pattern: rule(`\\b(?:tell|give|reveal|show|spell|share|print|leak|disclose|send)${gap(3)}(?:the|your)${SEP}(?:secret${SEP})?(?:password|passphrase|secret|api key|access token|credentials)\\b`),
  },
  {
    id: "exfiltration.ask-password",
    category: "exfiltration",
    weight: 1.5,
    description: "Asks what the password, passcode or secret key is",
    pattern: rule(`\\b(?:what(?:'s|s| is| was| would be)|confirm|provide|say|type|write)${SEP}(?:the|your|our|this)${SEP}(?:secret${SEP}|system${SEP}|admin${SEP})?(?:password|passcode|pass code|passphrase|access code|secret (?:key|code|word))\\b(?!${SEP}(?:polic(?:y|ies)|requirements?|rules?|reset|manager|field|length|strength|hash\\w*|complexity|expir\\w*|change\\w*|format|recovery|settings?|hint))`),
  },
  // — instructions embedded in tool output or retrieved documents —
  {
    id: "embedded.address-assistant",
    category: "embedded",
    weight: 2.5,
    indirectOnly: true,
    description: "Text in a document that addresses the AI reading it",
    pattern: rule(`\\b(?:dear|attention|note to|message to|instructions? (?:to|for)|hey|hi|hello|important)${SEP}(?:the )?(?:(?:ai|browsing|web|research|email|shopping|coding|autonomous|virtual|digital|automated) )?(?:${ASSISTANT}|automated${SEP}(?:(?:analysis|screening|review|hiring|resume|grading|summari[sz]ation)${SEP})?(?:software|systems?|tools?|screeners?|reviewers?|readers?|parsers?))\\b|\\b(?:if you are|as) an? (?:ai|language model|llm|assistant)${gap(4)}(?:reading|processing|summari[sz]ing)|\\b${ASSISTANT}s?${SEP}(?:must|should|shall|please|you must|reading this)\\b`),
  },
  {
    id: "embedded.shape-response",
    category: "embedded",
    weight: 2.5,
    indirectOnly: true,
    description: "Tells the reader how to write its response ('in your reply, …')",
    pattern: rule(`\\b(?:in|into|to|within|throughout|at the (?:end|start|beginning) of) your ${RESPONSE}\\b|\\b(?:modify|change|rewrite|adjust|alter|format|encode|translate|phrase|structure|sign|keep|make) (?:your|the|all|each) ${RESPONSE}s?\\b|\\byour ${RESPONSE}s? (?:should|must|needs to|has to)\\b|\\b(?:begin|start|end|finish|conclude|prefix|preface) (?:your|each|every|all) ${RESPONSE}`),
  },
  {
    id: "embedded.respond-with",
    category: "embedded",
    weight: 1.5,
    indirectOnly: true,
    description: "Directs how to answer or reply",
    pattern: rule(`\\b(?:respond|reply|answer|write your answer|responding)${gap(2)}(?:only )?(?:with|using|in (?:the )?(?:style|form|language|voice|tone)|by)\\b|\\bwhen (?:summari[sz]ing|answering|responding|replying)\\b`),
  },
  {
    id: "embedded.hide-from-user",
    category: "embedded",
    weight: 3,
    description: "Asks to act without telling the user",
    pattern: rule(`\\b(?:do not|don'?t|never|without) (?:tell|telling|inform|informing|mention|mentioning|alert|alerting|notify|notifying|reveal|revealing)${gap(1)}(?:the )?(?:user|human|customer|recipient)\\b`),
  },
  {
    id: "embedded.exfiltrate-data",
    category: "embedded",
    weight: 2.5,
    indirectOnly: true,
    description: "Send/forward data to an address or URL",
    pattern: rule(`\\b(?:send|forward|email|post|upload|transfer|exfiltrate)${gap(5)}(?:to|at)${SEP}[\\w.+-]{1,64}@[\\w-]{1,63}\\.|\\b(?:send|forward|upload|post)${gap(4)}(?:to )?https?:`),
  },
  {
    id: "embedded.role-marker",
    category: "embedded",
    weight: 2,
    description: "Fake chat-role label or chat-template token ('assistant:', 'system:', '<|im_start|>')",
    pattern: rule(`${LINE_START}(?:\\[|<|#{1,3} ?)?(?:system|assistant|ai assistant|ai)(?:\\]|>)? ?:|<\\|(?:im ?start|im ?end|system|endoftext)\\|>|\\[/?inst\\]|<</?sys>>`),
  },
  {
    id: "embedded.assistant-directive",
    category: "embedded",
    weight: 3.5,
    critical: true,
    indirectOnly: true,
    description: "A line labelled as the assistant/system giving an order inside content the agent reads",
    pattern: rule(`${LINE_START}(?:\\[|<)?(?:system|assistant|ai assistant)(?:\\]|>)? ?: ?(?:please |now |important:? )?(?:ignore|disregard|forget|forward|send|email|upload|transfer|delete|reply|respond|include|add|tell|reveal|do not|don'?t|you must|you should|you will|always|never|stop|execute|run|call|open|visit)\\b`),
  },
  {
    id: "embedded.must-now",
    category: "embedded",
    weight: 1.5,
    indirectOnly: true,
    description: "'You must now …': a new obligation addressed to the reader",
    pattern: rule(`\\byou (?:must|have to|need to|are required to|should) (?:now|immediately|first|also|instead)\\b`),
  },
  {
    id: "embedded.send-data",
    category: "embedded",
    weight: 1.5,
    indirectOnly: true,
    description: "Asks to send or forward data, files or messages somewhere",
    pattern: rule(`\\b(?:send|forward|upload|post|email|transfer|exfiltrate|copy)${gap(2)}(?:all|every|any|the user'?s|their|his|her|the)${gap(2)}(?:data|information|files|documents|emails|messages|conversations?|chat history|history|contacts|credentials|passwords|records|invoices|details|keys|tokens)${gap(3)}(?:to|at|into)\\b`),
  },
  {
    id: "embedded.promote-link",
    category: "embedded",
    weight: 1.5,
    indirectOnly: true,
    description: "Asks to add or recommend a link or download",
    pattern: rule(`\\b(?:add|include|insert|append|recommend|suggest|encourage|urge|direct|invite)${gap(6)}(?:link|url|download|visit|website|www\\.|https?:)`),
  },
  // — obfuscation —
  {
    id: "obfuscation.decode-and-follow",
    category: "obfuscation",
    weight: 2,
    description: "Asks to decode a payload and act on it",
    pattern: rule(`\\b(?:decode|decrypt|translate|unscramble|reverse)${gap(4)}(?:and|then)${SEP}(?:follow|execute|obey|do|run|perform|carry out)\\b|\\b(?:base64|rot13|hex)${gap(3)}(?:instructions?|follow|execute|obey)\\b`),
  },  ...HIJACK_RULES,
];

export type RuleHit = { rule: InjectionRule; match: string };

/**
 * Every rule that matches `text` (already normalised); indirect-only rules when `indirect`.
 * `candidates` narrows the set, e.g. to the rules that matched a document when matching its lines.
 */
export function matchRules(text: string, indirect: boolean, candidates: readonly InjectionRule[] = INJECTION_RULES): RuleHit[] {
  const hits: RuleHit[] = [];
  // Running every regex over the text costs more than the rest of the check: a trigram index of the
  // text rules out (exactly: see rule-prefilter.ts) the rules whose literals are not in it.
  const prefilter = candidates.length > PREFILTER_MIN_RULES;
  if (prefilter) indexTrigrams(text);
  for (const candidate of candidates) {
    if (candidate.indirectOnly && !indirect) continue;
    if (prefilter && !mayMatch(conditionOf(candidate))) continue;
    const found = candidate.pattern.exec(text);
    if (found) hits.push({ rule: candidate, match: found[0] });
  }
  return hits;
}

const PREFILTER_MIN_RULES = 3;
const conditions = new WeakMap<InjectionRule, RuleCondition>();

function conditionOf(candidate: InjectionRule): RuleCondition {
  let condition = conditions.get(candidate);
  if (condition === undefined) {
    condition = patternCondition(candidate.pattern);
    conditions.set(candidate, condition);
  }
  return condition;
}
