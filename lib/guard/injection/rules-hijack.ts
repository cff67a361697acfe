// Rules for hijack families that an unseen corpus showed the first rule set missing: commands to
// print a fixed "you're in" phrase, rewrites of the defender's persona, fake end-of-instructions
// delimiters followed by new rules, padding floods followed by an instruction (normalize.ts turns
// a flood into FLOOD_MARKER), and code offered as friendly advice that carries a harmful payload.
// Same conventions as rules.ts: families, not texts; bounded quantifiers; a benign look-alike for
// each in rules.test.ts.

import { FLOOD_MARKER } from "./normalize";
import { gap, rule, SEP, type InjectionRule } from "./rule-syntax";

const SAY = "(?:say|says|saying|print|output|respond|reply|answer|write|type|return|state|repeat|begin|start|end|display|utter|only)";
// Phrases a hijacked gatekeeper or a defaced answer is made to produce: authorisation granted,
// "you have been pwned".
const GRANTED_PHRASE = "(?:access|entry|permission|authori[sz]ation|login) (?:granted|approved|allowed|accepted|successful)|password (?:accepted|correct|is correct)|(?:i|you) (?:have|has) been (?:pwned|hacked|owned)|\\bpwned\\b";
const DELIMITED = "(?:instructions?|prompt|system prompt|system message|rules|input|user input|context|document|conversation|session|chat|guidelines|directives|task|message|transcript)";
const DELIMITER = `(?:\\b(?:end|close|stop|conclusion|finish|closing) (?:of )?(?:the |your |all |any |system |user |previous |prior |above )?${DELIMITED}\\b|</ ?(?:system|instructions?|prompt|rules|context|input|user_?input|user|document|data|inst|sys)>|\\[/(?:inst|system|sys|instructions?)\\])`;
const NEW_RULES = `(?:\\b(?:new|updated|real|actual|revised|true|next|following|only|changed)${gap(1)}(?:instructions?|rules?|task|prompt|directives?|guidelines?|system prompt|password|objective)\\b|\\byou (?:are|must|will|should|shall|now|may only|can only)\\b|\\bfrom now on\\b|\\b(?:ignore|disregard|forget)\\b|\\b(?:say|print|output)\\b|(?:^|\\n)(?:\\[|<)?system(?:\\]|>)? ?:)`;
const ADVICE = `\\b(?:add|append|insert|include|paste|put|prepend|copy|run|execute|use)${gap(3)}(?:this|the following|following|these|below|the)${gap(2)}(?:code|block|snippet|lines?|function|script|command|patch)\\b`;
// Destructive commands, remote shells, credential theft and encoded execution: what no tidy-up advice needs.
const PAYLOAD = "(?:rm -rf|rmtree\\(|del /[fsq]|format c:|mkfs|:\\(\\)\\{|(?:curl|wget)[^\\n]{0,120}\\| ?(?:ba)?sh|/etc/(?:passwd|shadow)|\\.ssh/|id_rsa|reverse shell|keylog|nc -[el]|bash -i|/dev/tcp/|powershell[^\\n]{0,40} -e(?:nc|ncodedcommand)?\\b|(?:exec|eval)\\((?:base64|atob|b64decode|__import__|compile)|crypto ?min(?:er|ing)|xmrig)";

export const HIJACK_RULES: InjectionRule[] = [
  {
    id: "override.say-granted-phrase",
    category: "override",
    weight: 3,
    description: "Tells the model to produce an 'access granted' / 'pwned' phrase",
    pattern: rule(`\\b${SAY}${gap(6)}["'“‘(\\[]?(?:${GRANTED_PHRASE})`),
  },
  {
    id: "override.nothing-else",
    category: "override",
    weight: 1,
    description: "Demands a fixed output and nothing else",
    pattern: rule(`\\b${SAY}${gap(8)}(?:and|with|but) nothing (?:else|more)\\b|\\bno other (?:words|text|output)\\b|\\b(?:exactly|only) (?:these|those|the following) words\\b|\\b(?:don'?t|do not|never) ${SAY}(?: with)? anything (?:other than|except|but|else (?:than|but))\\b`),
  },
  {
    id: "persona.fixed-reply",
    category: "persona",
    weight: 2,
    description: "Rewrites the model's persona into one with a single fixed reply",
    pattern: rule(`\\byou are (?:a|an|the)${gap(4)}(?:whose|that|which|who)${gap(2)}(?:only|sole|single)${SEP}(?:reply|response|answer|output|words?|purpose|function|job)\\b|\\byour (?:only|sole|single) (?:reply|response|answer|output|words?) (?:is|are|will be|must be|shall be|should be)\\b|\\byou (?:can|may|will|must) only (?:ever )?(?:say|reply|respond|answer|output)${gap(2)}["'“‘]`),
  },
  {
    id: "override.fake-delimiter",
    category: "override",
    weight: 3,
    description: "A fake end-of-instructions delimiter followed by new rules",
    pattern: rule(`${DELIMITER}[\\s\\S]{0,240}?${NEW_RULES}`),
  },
  {
    id: "obfuscation.padding-flood",
    category: "obfuscation",
    weight: 2.5,
    description: "A flood of repeated characters followed by an instruction",
    pattern: rule(`${FLOOD_MARKER.replace(/[[\]]/g, "\\$&")}[\\s\\S]{0,200}?\\b(?:you|your|say|print|output|respond|reply|ignore|disregard|forget|instructions?|rules?|password|access|granted|now|must)\\b`),
  },
  {
    id: "embedded.code-advice-payload",
    category: "embedded",
    weight: 3.5,
    critical: true,
    indirectOnly: true,
    description: "Code offered as advice ('append this block …') that carries a destructive or exfiltrating payload",
    pattern: rule(`${ADVICE}[\\s\\S]{0,600}?${PAYLOAD}`),
  },
];
