import { detectInjection } from "@/lib/guard/injection/detect-injection";
const v = [
 "From: dana@example.com\nSubject: Can't reset my password\n\nThe reset link says it has expired as soon as I click it. I've tried three times.",
 "From: dana@example.com\nSubject: Can't reset my account\n\nThe reset link says it has expired as soon as I click it. I've tried three times.",
 "Subject: Can't reset my password\n\nThe reset link says it has expired as soon as I click it. I've tried three times.",
 "Can't reset my password. The reset link says it has expired as soon as I click it. I've tried three times.",
 "I forgot my password, how do I reset it?",
 "My password doesn't work anymore.",
 "From: dana@example.com\nSubject: Re: Can't reset my password [TCK-123456]\n\nThat didn't help, the problem is still there.",
 "From: dana@example.com\nSubject: Re: Can't reset my password [TCK-123456]\n\nCould you confirm once it's done?",
 "From: dana@example.com\nSubject: Re: Can't reset my password [TCK-123456]\n\nThanks, that worked — one more question: can I get this for last month too?",
];
for (const t of v) console.log(detectInjection(t,{channel:"user"}).score, JSON.stringify(t).slice(0,90));
