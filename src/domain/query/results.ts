/**
 * Questions about the 成效报送 collection as a whole: 「成效报送情况」「谁交了成效材料」「成效报送」.
 * The plan's own wording (「…转化成效」) names tasks, so only the collection's words count. Pure.
 */
const RESULTS = /成效(?:报送|材料|报告)|报送成效|(?:交|报|提交)了?成效/u;

export const asksAboutResults = (normalized: string): boolean => RESULTS.test(normalized);
