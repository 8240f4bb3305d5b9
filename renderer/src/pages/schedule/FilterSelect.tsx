import { Select } from 'antd';

/** A toolbar filter: searchable, clearable, labelled for screen readers and tests. */
export function FilterSelect<T extends string>(props: {
  label: string;
  placeholder: string;
  width: number;
  value?: T;
  onChange: (value?: T) => void;
  options: { value: T; label: string }[] | undefined;
}) {
  return (
    <Select<T>
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      aria-label={props.label}
      placeholder={props.placeholder}
      style={{ width: props.width }}
      value={props.value}
      onChange={(v?: T) => props.onChange(v)}
      options={props.options}
    />
  );
}
