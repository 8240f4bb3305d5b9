import type { FormInstance, FormRule } from 'antd';
import { passwordProblem, usernameSchema } from '../../../../shared/security/password';

/** Form rules that say in Chinese what is wrong with a login name or a new password, as the data layer would. */
export const usernameRules: FormRule[] = [
  { required: true, message: '请填写用户名' },
  {
    validator: async (_, value: string | undefined) => {
      const parsed = usernameSchema.safeParse(value ?? '');
      if (!parsed.success) throw new Error(parsed.error.issues[0]?.message);
    },
  },
];

/** `username`: the login name the password must differ from, or how to read it from the form. */
export function newPasswordRules(username: string | ((form: FormInstance) => string)): FormRule[] {
  return [
    { required: true, message: '请填写密码' },
    (form) => ({
      validator: async (_, value: string | undefined) => {
        if (!value) return;
        const problem = passwordProblem(value, typeof username === 'string' ? username : username(form as FormInstance));
        if (problem) throw new Error(problem);
      },
    }),
  ];
}

export function confirmRules(field: string): FormRule[] {
  return [
    { required: true, message: '请再次输入密码' },
    (form) => ({
      validator: async (_, value: string | undefined) => {
        if (value && value !== form.getFieldValue(field)) throw new Error('两次输入的密码不一致');
      },
    }),
  ];
}
