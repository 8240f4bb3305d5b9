/** Fixed vocabularies of the domain (see DOMAIN.md). UI shows these Chinese terms as they are. */

export const SCHOOL_LEVELS = ['市', '镇街', '村社区', '开发区', '企业'] as const;
export type SchoolLevel = (typeof SCHOOL_LEVELS)[number];

export const GENDERS = ['男', '女'] as const;
export type Gender = (typeof GENDERS)[number];

export const INSTRUCTOR_CATEGORIES = [
  '党校教师', '基层党组织书记', '驻村第一书记', '先进模范人物', '土专家', '田秀才', '专家学者', '领导干部', '乡贤',
] as const;
export type InstructorCategory = (typeof INSTRUCTOR_CATEGORIES)[number];

export const EMPLOYMENT_KINDS = ['专职', '兼职'] as const;
export type EmploymentKind = (typeof EMPLOYMENT_KINDS)[number];

export const INSTRUCTOR_STATUSES = ['在库', '暂停', '退出'] as const;
export type InstructorStatus = (typeof INSTRUCTOR_STATUSES)[number];

export const SITE_KINDS = ['主校区', '培训基地', '现场教学点'] as const;
export type SiteKind = (typeof SITE_KINDS)[number];

export const DEMO_LEVELS = ['市级示范点', '县级示范点', '无'] as const;
export type DemoLevel = (typeof DEMO_LEVELS)[number];

export const TRAINEE_CATEGORIES = [
  '普通党员', '村(社区)党组织书记', '两委成员', '入党积极分子', '发展对象', '预备党员', '流动党员', '镇街干部',
] as const;
export type TraineeCategory = (typeof TRAINEE_CATEGORIES)[number];

export const COURSE_DOMAINS = [
  '政治理论', '政治教育和政治训练', '党章党规党纪', '党的宗旨', '革命传统', '形势政策', '知识技能', '乡村振兴', '农村实用技术',
] as const;
export type CourseDomain = (typeof COURSE_DOMAINS)[number];

export const COURSE_CATEGORIES = ['基础必修', '岗位选修', '产业实训'] as const;
export type CourseCategory = (typeof COURSE_CATEGORIES)[number];

export const COURSE_LEVELS = ['村党组织书记', '两委成员', '普通党员', '入党积极分子/发展对象', '镇街干部'] as const;
export type CourseLevel = (typeof COURSE_LEVELS)[number];

export const TEACHING_METHODS = ['专题讲授', '案例教学', '研讨交流', '现场教学', '体验教学', '送学上门', '视频/直播'] as const;
export type TeachingMethod = (typeof TEACHING_METHODS)[number];

export const SESSION_STATUSES = ['planned', 'held', 'cancelled'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** 出勤 present, 迟到 late, 早退 left early, 事假 personal leave, 病假 sick leave, 旷课 absent. */
export const ATTENDANCE_STATUSES = ['出勤', '迟到', '早退', '事假', '病假', '旷课'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

export const EVALUATION_CRITERIA = ['现实针对性', '理论性', '信息量', '语言表达', '教风教态'] as const;

/** Qufu's 4 街道 and 8 镇. */
export const QUFU_TOWNS = ['鲁城街道', '书院街道', '时庄街道', '小雪街道', '吴村镇', '姚村镇', '陵城镇', '尼山镇', '息陬镇', '王庄镇', '石门山镇', '防山镇'] as const;
