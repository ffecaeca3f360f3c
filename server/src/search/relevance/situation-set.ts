import { seedId } from '@knotwork/seed';
import type { RelevanceQuery } from './relevance-set.js';

/**
 * Plain-language situation queries (issue #19) over the demo data, judged by the need (or specialism) each is
 * about: relevant are that need, the specialisms addressing it, their holders and offerers (relevance.repository).
 * Two halves: `situationTuning` may be used to tune the situation table; `situationHeldOut` was written apart,
 * in other wordings, and must not be tuned on — it is reported separately.
 */
const N = (name: string) => seedId('Need', name);
const S = (name: string) => seedId('Specialism', name);
const need = (q: string, name: string): RelevanceQuery => ({
  kind: 'situation',
  q,
  about: { needs: [N(name)] },
  top5: [N(name)],
});
const spec = (q: string, name: string): RelevanceQuery => ({
  kind: 'situation',
  q,
  about: { specialisms: [S(name)] },
  top5: [S(name)],
});

export const situationTuning: RelevanceQuery[] = [
  need('toddler not talking', 'speech and language delay'),
  need("won't speak at school", 'not speaking in some settings'),
  need('keeps running away', 'going missing'),
  need('dad in prison', 'several needs in the family'),
  need('low mood', 'low mood'),
  need('anger', 'difficulty managing emotions'),
  spec('DSL', 'Designated safeguarding lead'),
  spec('LADO', 'Child protection'),
  spec('VSH', 'Virtual school and personal education plans'),
  need('my son cant sit still', 'possible ADHD'),
  need('she stutters', 'stammering'),
  need('worries a lot about everything', 'anxiety'),
  need('cutting herself', 'self-harm'),
  need('mum died last year', 'bereavement'),
  need('being picked on at school', 'bullying'),
  need('parents always arguing', 'parental conflict'),
  need('lives with grandparents', 'kinship care'),
  need('refuses to go to school', 'anxiety about going to school'),
  need('keeps missing school', 'school attendance'),
  need('arrested for shoplifting', 'offending behaviour'),
  need('being evicted', 'housing insecurity'),
  need('no money for food', 'food insecurity'),
  need('smoking weed', 'young person using drugs or alcohol'),
  need('mum drinks too much', 'parental substance misuse'),
  need('wets the bed', 'toileting difficulties'),
  need('baby not sitting up', 'early development concerns'),
  need('teenager has no friends', 'socially isolated young person'),
  need('looks after mum', 'young carer'),
  need('dad hits mum', 'exposure to domestic abuse'),
  need('struggles to read', 'reading difficulties'),
];

export const situationHeldOut: RelevanceQuery[] = [
  need('two year old only says a few words', 'speech and language delay'),
  need('silent at school but chatty at home', 'not speaking in some settings'),
  need('daughter ran away again', 'going missing'),
  need('mother in prison', 'several needs in the family'),
  need('teenager feeling low', 'low mood'),
  need('angry outbursts at home', 'difficulty managing emotions'),
  spec('designated safeguarding lead', 'Designated safeguarding lead'),
  spec('allegation against a teacher', 'Child protection'),
  spec('virtual school head', 'Virtual school and personal education plans'),
  need('cant concentrate in class', 'possible ADHD'),
  need('gets stuck on words', 'stammering'),
  need('panics before tests', 'anxiety'),
  need('hurting himself', 'self-harm'),
  need('grieving for his dad', 'bereavement'),
  need('cyberbullying', 'bullying'),
  need('parents splitting up', 'parental separation'),
  need('raised by grandparents', 'kinship care'),
  need('scared of school', 'anxiety about going to school'),
  need('skipping school', 'school attendance'),
  need('in trouble with the police', 'offending behaviour'),
  need('nowhere to live', 'housing insecurity'),
  need('family uses the food bank', 'food insecurity'),
  need('teen taking drugs', 'young person using drugs or alcohol'),
  need('dad drinks every night', 'parental substance misuse'),
  need('up all night', 'sleep problems'),
  need('toddler not walking yet', 'early development concerns'),
  need('lonely teenager', 'socially isolated young person'),
  need('caring for dad', 'young carer'),
  need('violence at home', 'exposure to domestic abuse'),
  need('hates loud noises', 'sensory needs'),
];
