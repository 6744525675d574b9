import { describe, expect, it } from 'vitest';
import { arxivIdValid, doiFacts, entryTitle, isbnValid, referenceEntries, referenceProblems } from './references.js';

const problems = (t: string): string[] => referenceProblems(t).map((p) => t.slice(p.start, p.end));

describe('offline reference checks', () => {
  it('validates ISBN check digits', () => {
    expect(isbnValid('0-201-89683-4')).toBe(true);
    expect(isbnValid('0-201-89683-5')).toBe(false);
    expect(isbnValid('978-0-262-03384-8')).toBe(true);
    expect(isbnValid('978-0-262-03384-7')).toBe(false);
    expect(isbnValid('0-8044-2957-X')).toBe(true);
  });

  it('knows which arXiv ids can exist', () => {
    expect(arxivIdValid('1706', '03762')).toBe(true);
    expect(arxivIdValid('1412', '6980')).toBe(true);
    expect(arxivIdValid('1412', '69801')).toBe(false); // five digits only from 2015
    expect(arxivIdValid('2113', '01234')).toBe(false); // month 13
    expect(arxivIdValid('0612', '1234')).toBe(false); // before the 2007 scheme
  });

  it('flags identifiers that disagree with the year or venue of their own entry', () => {
    expect(problems('[1] Devlin, J. et al. BERT. arXiv preprint arXiv:1810.04805, 2016.')).toEqual(['2016']);
    expect(problems('[2] Smith, J. Deep cats. Proceedings of ICLR 2009.')).toEqual(['2009']);
    expect(problems('[3] Lee, K. Graph methods. Nature, 2019. doi:10.1145/3292500.3330701')).toEqual(['10.1145/3292500.3330701']);
    expect(problems('[4] Doe, A. A book. Addison-Wesley, 1997. ISBN 0-201-89683-5.')).toEqual(['ISBN 0-201-89683-5']);
    expect(problems('[5] Roe, B. Paper. Journal of Things, 12(3), pp. 350-120, 2020.')).toEqual(['pp. 350-120']);
    expect(problems('[6] Poe, C. Paper. In Proceedings of ACL 2020. doi:10.abc/123')).toEqual(['doi:10.abc/123']);
  });

  it('reads a DOI link as its DOI, not its host as a label', () => {
    // "doi.org" is where the link points; "doi" in it is no "doi:" label before a malformed DOI.
    expect(problems('Lee, H. (2022). Quantum dots. Physical Review Letters, 128, 010101. https://doi.org/10.1103/PhysRevLett.128.010101')).toEqual([]);
    expect(problems('Garcia, M. (2017). Sleep. Journal of Sleep Research, 26(4), 400-410. http://dx.doi.org/10.1111/jsr.12345')).toEqual([]);
    expect(problems('Smith, J. (2021). Protein folding. Nature, 575, 123-130. https://doi.org/10.1038/s41586-019-1234-5')).toEqual(['10.1038/s41586-019-1234-5']);
    expect(problems('Poe, C. Paper. In Proceedings of ACL 2020. DOI: 10.abc/123')).toEqual(['DOI: 10.abc/123']);
  });

  it('flags one identifier given to two different works', () => {
    const t = '1. Kim, A. Sparse attention. ACL 2021. doi:10.18653/v1/2021.acl-long.1\n2. Park, B. Dense retrieval at scale. ACL 2021. doi:10.18653/v1/2021.acl-long.1';
    expect(problems(t)).toEqual(['10.18653/v1/2021.acl-long.1']);
  });

  it('leaves consistent references and ordinary text alone', () => {
    const ok = [
      '[1] Vaswani, A. et al. Attention is all you need. NeurIPS 2017. arXiv:1706.03762.',
      '[2] Knuth, D. The Art of Computer Programming, Vol. 1. Addison-Wesley, 1997. ISBN 0-201-89683-4.',
      '[3] Devlin, J. et al. BERT. NAACL 2019. doi:10.18653/v1/N19-1423',
      '[4] Pearson, K. On the chi-square criterion. Philosophical Magazine, 1900, pp. 157-175.',
      '[5] Lovelace, A. Notes. Journal of Computer Science, 1850.',
      '[6] Jumper, J. et al. Highly accurate protein structure prediction. Nature, 2021. doi:10.1038/s41586-021-03819-2',
    ].join('\n');
    expect(problems(ok)).toEqual([]);
    expect(problems('The meeting is at 10.30 and the report (2019) is on page 12.')).toEqual([]);
  });

  it('reads a line that opens with several authors as a reference', () => {
    expect(referenceEntries('Rossi, G., Patel, N. and Kim, S. (2023). Title here. Venue.')).toHaveLength(1);
    expect(problems('Rossi, G., Patel, N. and Kim, S. (1985). Sparse attention heads. NeurIPS.')).toEqual(['1985']);
    expect(referenceEntries('Thanks, I will try that. Maybe later today.')).toHaveLength(0);
  });

  it('finds the title of an entry after its authors and year', () => {
    expect(entryTitle('Kim, H. Attention for speech. NeurIPS 1985.')).toBe('Attention for speech');
    expect(entryTitle('Rossi, G., Patel, N. and Kim, S. (2023). Energy-aware scheduling on edge accelerators. ACM Computing Surveys, volume 55, issue 3.')).toBe('Energy-aware scheduling on edge accelerators');
    expect(entryTitle('[3] Vaswani, A. et al. Attention is all you need. NeurIPS 2017.')).toBe('Attention is all you need');
    expect(entryTitle('Smith, J. "Graph methods for proteins in cryo-EM maps," Journal of Structural Biology, 2019.')).toBe('Graph methods for proteins in cryo-EM maps');
    // No author list: the longest sentence after the first.
    expect(entryTitle('The Journal of Things. A long study of many small things. 2019.')).toBe('A long study of many small things');
  });

  it('reads the year and proceedings some publishers write into a DOI', () => {
    expect(doiFacts('10.18653/v1/2021.acl-long.12')).toEqual({ year: 2021, exact: true, venue: 'acl' });
    expect(doiFacts('10.18653/v1/n19-1423')).toEqual({ year: 2019, exact: true, venue: 'naacl' });
    expect(doiFacts('10.1109/cvpr.2016.90')).toEqual({ year: 2016, exact: false, venue: 'cvpr' });
    expect(doiFacts('10.1038/s41586-021-03819-2')).toEqual({ year: 2021, exact: false });
    expect(doiFacts('10.1016/j.cell.2020.01.001')).toEqual({ year: 2020, exact: false });
    expect(doiFacts('10.1145/362384.362685')).toBeNull();
  });

  it('flags a DOI whose year or proceedings disagree with its entry', () => {
    expect(problems('Devlin, J. et al. BERT. NAACL 2017. doi:10.18653/v1/N19-1423')).toEqual(['10.18653/v1/N19-1423']);
    expect(problems('Lee, A. Sparse attention. EMNLP 2021. doi:10.18653/v1/2021.acl-long.12')).toEqual(['10.18653/v1/2021.acl-long.12']);
    expect(problems('Wu, C. Detection. ICCV 2017. doi:10.1109/CVPR.2017.12')).toEqual(['10.1109/CVPR.2017.12']);
    expect(problems('Jumper, J. et al. Protein structure. Nature, 2015. doi:10.1038/s41586-021-03819-2')).toEqual(['10.1038/s41586-021-03819-2']);
    // A journal's DOI is registered before print: a year later is consistent.
    expect(problems('Ren, S. et al. Faster R-CNN. IEEE TPAMI, 2017. doi:10.1109/TPAMI.2016.2577031')).toEqual([]);
    expect(problems('Kim, B. Cells. Cell, 2021. doi:10.1016/j.cell.2020.01.001')).toEqual([]);
    expect(problems('Rajpurkar, P. et al. SQuAD. EMNLP 2016. doi:10.18653/v1/D16-1264')).toEqual([]);
    expect(problems('Wu, C. Detection. arXiv 2017. doi:10.1109/CVPR.2017.12')).toEqual([]);
  });
});
