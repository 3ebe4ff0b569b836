/**
 * The regional offices the CNIPA notices are addressed to (the 31 provincial offices, the XPCC's
 * and the two centres named in the 2021 notice), with the short names people type. Pure data:
 * the directory's `regions:` must use these names, so a typo is refused with the nearest ones.
 */
export interface KnownRegion {
  name: string;
  /** short names: 广东, 广东省 (never shared by two regions) */
  aliases: string[];
  /** a stable ascii slug for demo ids (oc_region_<slug>) */
  slug: string;
}

const PROVINCES: [string, string, string][] = [
  ['北京市', '北京', 'bj'], ['天津市', '天津', 'tj'], ['河北省', '河北', 'heb'], ['山西省', '山西', 'sx'],
  ['内蒙古自治区', '内蒙古', 'nmg'], ['辽宁省', '辽宁', 'ln'], ['吉林省', '吉林', 'jl'], ['黑龙江省', '黑龙江', 'hlj'],
  ['上海市', '上海', 'sh'], ['江苏省', '江苏', 'js'], ['浙江省', '浙江', 'zj'], ['安徽省', '安徽', 'ah'],
  ['福建省', '福建', 'fj'], ['江西省', '江西', 'jx'], ['山东省', '山东', 'sd'], ['河南省', '河南', 'hen'],
  ['湖北省', '湖北', 'hub'], ['湖南省', '湖南', 'hun'], ['广东省', '广东', 'gd'], ['广西壮族自治区', '广西', 'gx'],
  ['海南省', '海南', 'hain'], ['重庆市', '重庆', 'cq'], ['四川省', '四川', 'sc'], ['贵州省', '贵州', 'gz'],
  ['云南省', '云南', 'yn'], ['西藏自治区', '西藏', 'xz'], ['陕西省', '陕西', 'snx'], ['甘肃省', '甘肃', 'gs'],
  ['青海省', '青海', 'qh'], ['宁夏回族自治区', '宁夏', 'nx'], ['新疆维吾尔自治区', '新疆', 'xj'],
];

export const KNOWN_REGIONS: readonly KnownRegion[] = [
  ...PROVINCES.map(([full, short, slug]) => ({
    name: `${full}知识产权局`,
    aliases: [...new Set([short, full])],
    slug,
  })),
  { name: '新疆生产建设兵团知识产权局', aliases: ['兵团', '新疆兵团', '新疆生产建设兵团'], slug: 'xjbt' },
  { name: '四川省知识产权服务促进中心', aliases: ['四川促进中心', '四川省促进中心'], slug: 'sccjzx' },
  { name: '广东省知识产权保护中心', aliases: ['广东保护中心', '广东省保护中心'], slug: 'gdbhzx' },
];
