// Bulk data for bench/ask.ts: set-based SQL only (generate_series), so a year of reports loads in seconds.
import { KNOWN_REGIONS } from '../src/directory/regions.ts';

const SEED_DEPARTMENTS = ['办公室', '条法司', '联席办', '战略规划司', '保护司', '运用促进司', '公共服务司', '国际合作司', '人事司', '专利局审业部', '专利局自动化部', '专利局审查部', '商标局'];
const MORE = ['数据司', '标准司', '规划司', '信息司', '宣传司', '财务司', '审计司', '督查司', '评价司', '统计司', '科技司', '法规司', '监管司', '服务司', '协调司', '研究司', '培训司', '外联司', '后勤司', '安全司', '档案司', '维权司', '鉴定司', '转化司', '运营司', '品牌司', '地标司', '审查一部', '审查二部', '审查三部', '复审部', '初审部', '流程部', '质检部', '文献部', '出版部', '发展中心'];
export const DEPARTMENT_NAMES: string[] = [...SEED_DEPARTMENTS, ...MORE].slice(0, 50);
/** The 34 regional offices (issue 15), units of kind region after the 50 departments (ids 51–84). */
export const REGION_NAMES: string[] = KNOWN_REGIONS.map((r) => r.name);
export const REGION_SHORT_NAMES: string[] = KNOWN_REGIONS.map((r) => r.aliases[0] ?? r.name);
/** One task in three has a measure addressed to 各地区, followed by every region (the seed: 19 of 22). */
export const REGION_TASK_EVERY = 3;

export const TOPICS = [
  '专利导航', '地理标志', '商标品牌', '质押融资', '审查质量', '数据资源', '人才培养', '宣传教育', '一带一路', '保护中心',
  '快速维权', '公共服务', '信息平台', '运营服务', '密集型产业', '标准化建设', '检验鉴定', '行政裁决', '侵权纠纷', '海外维权',
  '集成电路', '植物新品种', '高校院所', '中小企业', '试点示范', '统计监测', '绩效评价', '分项规划', '强国战略', '法治实施',
  '审查周期', '代理监管', '信用体系', '文献服务', '国际规则', '技术转移', '价值评估', '保险服务', '证券化', '专利奖',
];

const lit = (xs: string[]) => `array[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(',')}]`;

/** [label, SQL] steps; run in order on a migrated, empty database. */
export function seedSql(): [string, string][] {
  const topics = lit(TOPICS);
  return [
    ['plan, sections, departments, aliases, people', `
      insert into plans (key, title, year, report_deadline, report_to, source_hash, imported_at)
        values ('bench', '推动知识产权高质量发展年度工作指引（2021）', 2021, '2021-12-15', '运用促进司', 'h', '2021-01-01T00:00:00Z');
      insert into sections (plan_id, number, title) select 1, s, '加强知识产权保护与运用第' || s || '部分' from generate_series(1, 10) s;
      insert into departments (name) select unnest(${lit(DEPARTMENT_NAMES)});
      insert into department_aliases (alias, department_id) select '运用司', id from departments where name = '运用促进司';
      insert into departments (name, kind) select unnest(${lit(REGION_NAMES)}), 'region';
      insert into department_aliases (alias, department_id)
        select a, d.id from unnest(${lit(REGION_NAMES)}, ${lit(REGION_SHORT_NAMES)}) as x(name, a) join departments d on d.name = x.name;
      insert into people (open_id, name) select 'ou_p' || i, '填报人' || i from generate_series(0, 99) i;`],
    ['1,000 tasks with two measures each, 1–3 departments per task', `
      insert into tasks (plan_id, number, title, section_number, deadline_kind, content_hash)
        select 1, n, '加强' || (${topics})[1 + n % 40] || '与' || (${topics})[1 + (n * 7 + 3) % 40] || '工作', 1 + n % 10,
               case when n % 4 = 0 then 'year_end' else 'milestone' end, md5(n::text)
        from generate_series(1, 1000) n;
      insert into measures (task_id, position, actor, text)
        select t.id, p, case when p = 1 and t.number % ${REGION_TASK_EVERY} = 0 then '各地区' else '国家知识产权局' end,
               '围绕' || (${topics})[1 + (t.number * 3 + p) % 40] || '完善工作机制，推进' || (${topics})[1 + (t.number * 11 + p) % 40]
               || '建设，加强统筹协调和督促检查，确保各项举措落地见效，形成可复制可推广的经验做法。'
        from tasks t cross join generate_series(0, 1) p;
      insert into assignments (task_id, department_id, position, role)
        select t.id, d.dept, d.pos, case d.pos when 0 then 'lead' else 'co' end
        from tasks t cross join lateral (
          select distinct on (dept) dept, pos from (values (0, 1 + t.number % 50), (1, 1 + (t.number * 7) % 50), (2, 1 + (t.number * 13) % 50)) v(pos, dept)
          where pos < 1 + t.number % 3 order by dept, pos) d;
      insert into assignments (task_id, department_id, position, role)
        select t.id, d.id, 10 + d.id, 'region' from tasks t cross join departments d
        where d.kind = 'region' and t.number % ${REGION_TASK_EVERY} = 0;`],
    ['the ten key points: one or two departments each, key points 2, 3 and 10 with every region', `
      insert into tasks (plan_id, number, title, kind, content_hash)
        select 1, k, '工作要点' || k || '：推进' || (${topics})[1 + k * 3] || '工作', 'key_point', md5('kp' || k) from generate_series(1, 10) k;
      insert into measures (task_id, position, actor, text)
        select id, 0, '国家知识产权局', '推进' || title || '。' from tasks where kind = 'key_point';
      insert into assignments (task_id, department_id, position, role)
        select t.id, 1 + (t.number * 5) % 13, 0, 'lead' from tasks t where t.kind = 'key_point' and t.number not in (2, 10)
        union all select t.id, 1 + (t.number * 5 + 3) % 13, 1, 'co' from tasks t where t.kind = 'key_point' and t.number in (1, 4, 8, 9);
      insert into assignments (task_id, department_id, position, role)
        select t.id, d.id, 10 + d.id, 'region' from tasks t cross join departments d
        where t.kind = 'key_point' and t.number in (2, 3, 10) and d.kind = 'region';`],
    ['52 weekly rounds', `
      insert into rounds (plan_id, key, starts_at, ends_at, opened_at, closed_at)
        select 1, '2021-W' || lpad(w::text, 2, '0'), s, s + interval '7 days', s + interval '9 hours',
               case when w < 52 then s + interval '4 days 17 hours' end
        from generate_series(1, 52) w, lateral (select '2021-01-04T00:00:00+08'::timestamptz + (w - 1) * interval '7 days' as s) x;`],
    ['a year of reports (≈90 % response, 5 % edited)', `
      insert into reports (task_id, department_id, round_id, version, status, progress, note, reporter_open_id, reported_at, late)
        select a.task_id, a.department_id, r.id, 1,
               (array['not_started','on_track','on_track','on_track','at_risk','blocked','done'])[1 + abs(hashint4(a.task_id * 131 + a.department_id * 17 + r.id)) % 7],
               least(100, r.id * 2 + a.task_id % 10), '第' || r.id || '周：按计划推进，' || (${topics})[1 + r.id % 40] || '取得阶段进展',
               'ou_p' || (a.department_id * 2 + r.id % 2), r.starts_at + interval '1 day' + (a.task_id % 600) * interval '1 minute', false
        from assignments a cross join rounds r
        where abs(hashint4(a.task_id * 7 + a.department_id * 3 + r.id * 11)) % 10 <> 0
        -- in time order, as replies arrive: a round's reports sit together on disk like in production
        order by r.id, a.task_id, a.department_id;
      insert into reports (task_id, department_id, round_id, version, status, progress, note, reporter_open_id, reported_at, late)
        select task_id, department_id, round_id, 2, 'at_risk', progress, note || '（更正）', reporter_open_id, reported_at + interval '1 hour', false
        from reports where abs(hashint4(id)) % 20 = 0 order by round_id;
      insert into current_status (task_id, department_id, report_id, round_id, status, progress, note, reporter_open_id, reported_at)
        select distinct on (task_id, department_id) task_id, department_id, id, round_id, status, progress, note, reporter_open_id, reported_at
        from reports order by task_id, department_id, reported_at desc, id desc;`],
    ['indicators and a year of values', `
      insert into indicators (plan_id, position, name, comparator, value, unit, owner_department_id)
        values (1, 0, '发明专利审查周期', '<=', 18.5, '个月', 12), (1, 1, '高价值发明专利审查周期', '<=', 14, '个月', 12),
               (1, 2, '商标注册平均审查周期', '=', 4, '个月', 13), (1, 3, '专利商标质押融资规模', '>=', 2400, '亿元', 6),
               (1, 4, '融资惠及企业数量增长率', '>', 10, '%', 6), (1, 5, '技术与创新支持中心（TISC）', '>=', 100, '家', 7);
      insert into indicator_values (indicator_id, round_id, value, reporter_open_id, reported_at)
        select i.id, r.id, i.value * (0.9 + (r.id % 20) / 100.0), 'ou_p1', r.starts_at + interval '2 days' from indicators i cross join rounds r;`],
    ['analyze', 'analyze'],
  ];
}
