/**
 * Questions about the regional offices as a whole: 「各地区填报情况」「各地方知识产权局」. A single
 * region is asked by its name or alias like a department (广东的进展); a task's regions come with
 * the task's answer (任务7各地区). Pure.
 */
const ALL_REGIONS = /各地区|各地方|各省|地方局|地方知识产权局|省局/u;

export const asksAboutAllRegions = (normalized: string): boolean => ALL_REGIONS.test(normalized);
