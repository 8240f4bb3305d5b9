import { AutoComplete } from 'antd';

/** The target groups offices usually write; any other text may be typed. */
export const TARGET_GROUPS = [
  '农村党员', '社区党员', '村(社区)党组织书记、“两委”成员', '入党积极分子、发展对象', '镇街干部', '企业党员', '流动党员',
];

export function TargetGroupInput(props: { value?: string; onChange?: (v: string) => void; id?: string }) {
  return (
    <AutoComplete
      {...props}
      options={TARGET_GROUPS.map((value) => ({ value }))}
      showSearch={{ filterOption: (input, option) => !!option?.value?.toString().includes(input) }}
      placeholder="如：农村党员"
    />
  );
}
