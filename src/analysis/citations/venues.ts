/**
 * Facts about where research is published, for checking a reference against itself (written for
 * Chatlens from public knowledge of these venues; MIT like the project): the first year a venue
 * published, and the DOI prefix its publisher registers. A reference that puts a paper in a venue
 * before it existed, or gives it a DOI from another publisher, did not come from the venue.
 */

export interface Venue {
  /** Lower-case names and abbreviations as they appear in references. */
  names: string[];
  /** First year the venue published. */
  since: number;
  /** DOI prefixes of its publisher; absent when the venue issues no DOIs of its own. */
  doi?: string[];
  /**
   * A name that is also an everyday word or part of other journals' names ("Nature", "Science"):
   * it only counts standing alone as the venue, capitalised, before a comma, volume or year.
   */
  exact?: boolean;
}

export const VENUES: Venue[] = [
  { names: ['neurips', 'nips', 'neural information processing systems'], since: 1987 },
  { names: ['icml', 'international conference on machine learning'], since: 1980 },
  { names: ['iclr', 'international conference on learning representations'], since: 2013 },
  { names: ['aaai'], since: 1980, doi: ['10.1609'] },
  { names: ['ijcai'], since: 1969, doi: ['10.24963'] },
  { names: ['acl', 'annual meeting of the association for computational linguistics'], since: 1963, doi: ['10.18653', '10.3115'] },
  { names: ['emnlp', 'empirical methods in natural language processing'], since: 1996, doi: ['10.18653', '10.3115'] },
  { names: ['naacl'], since: 2000, doi: ['10.18653', '10.3115'] },
  { names: ['tacl', 'transactions of the association for computational linguistics'], since: 2013, doi: ['10.1162'] },
  { names: ['cvpr', 'computer vision and pattern recognition'], since: 1983, doi: ['10.1109'] },
  { names: ['iccv'], since: 1987, doi: ['10.1109'] },
  { names: ['eccv'], since: 1990, doi: ['10.1007'] },
  { names: ['kdd', 'knowledge discovery and data mining'], since: 1995, doi: ['10.1145'] },
  { names: ['sigir'], since: 1978, doi: ['10.1145'] },
  { names: ['acm chi', 'chi conference', 'human factors in computing systems'], since: 1982, doi: ['10.1145'] },
  { names: ['the web conference', 'world wide web conference'], since: 1994, doi: ['10.1145'] },
  { names: ['sigmod'], since: 1975, doi: ['10.1145'] },
  { names: ['vldb'], since: 1975, doi: ['10.14778', '10.1007'] },
  { names: ['osdi'], since: 1994 },
  { names: ['sosp'], since: 1967, doi: ['10.1145'] },
  { names: ['communications of the acm', 'commun. acm', 'cacm'], since: 1958, doi: ['10.1145'] },
  { names: ['jmlr', 'journal of machine learning research'], since: 2000 },
  { names: ['arxiv'], since: 1991, doi: ['10.48550'] },
  { names: ['nature'], since: 1869, doi: ['10.1038'], exact: true },
  { names: ['science'], since: 1880, doi: ['10.1126'], exact: true },
  { names: ['cell'], since: 1974, doi: ['10.1016'], exact: true },
  { names: ['the lancet', 'lancet'], since: 1823, doi: ['10.1016'] },
  { names: ['new england journal of medicine', 'nejm', 'n engl j med'], since: 1812, doi: ['10.1056'] },
  { names: ['jama'], since: 1883, doi: ['10.1001'] },
  { names: ['bmj', 'british medical journal'], since: 1840, doi: ['10.1136'] },
  { names: ['pnas', 'proceedings of the national academy of sciences'], since: 1915, doi: ['10.1073'] },
  { names: ['plos one'], since: 2006, doi: ['10.1371'] },
  { names: ['elife'], since: 2012, doi: ['10.7554'] },
  { names: ['ieee transactions on pattern analysis and machine intelligence', 'tpami', 'ieee tpami'], since: 1979, doi: ['10.1109'] },
  { names: ['neural computation'], since: 1989, doi: ['10.1162'] },
];

/** Publisher of a DOI prefix, to say whose DOI a reference carries. */
export const DOI_PUBLISHERS: Record<string, string> = {
  '10.1145': 'ACM',
  '10.1109': 'IEEE',
  '10.1007': 'Springer',
  '10.1023': 'Springer (Kluwer)',
  '10.1016': 'Elsevier',
  '10.1038': 'Nature Portfolio',
  '10.1126': 'AAAS (Science)',
  '10.18653': 'the ACL Anthology',
  '10.3115': 'the ACL Anthology',
  '10.1162': 'MIT Press',
  '10.1371': 'PLOS',
  '10.48550': 'arXiv',
  '10.1073': 'PNAS',
  '10.1056': 'NEJM',
  '10.1001': 'JAMA Network',
  '10.1136': 'BMJ',
  '10.7554': 'eLife',
  '10.1609': 'AAAI',
  '10.24963': 'IJCAI',
  '10.14778': 'VLDB Endowment',
  '10.1093': 'Oxford University Press',
  '10.1002': 'Wiley',
  '10.1080': 'Taylor & Francis',
  '10.1177': 'SAGE',
  '10.1017': 'Cambridge University Press',
  '10.3390': 'MDPI',
};
