import { useGraphiQL, type GraphiQLPlugin } from '@graphiql/react';
import { createElement as h, useCallback, useEffect, useState, type FormEvent } from 'react';
import { api, type SavedQuery } from './api';

type Me = { name: string; role: string } | null;

function SignIn({ onDone }: { onDone: () => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError('');
    try {
      await api.login(email, password);
      onDone();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return h(
    'form',
    { className: 'hx-form', onSubmit: submit, 'data-testid': 'explorer-sign-in' },
    h('p', null, '登录后可在服务器上保存查询；查询以您的账号权限运行。Sign in to save queries; they run with your permissions.'),
    h('input', {
      type: 'email',
      placeholder: '邮箱 Email',
      value: email,
      onChange: (e) => setEmail(e.target.value),
      'aria-label': 'email',
    }),
    h('input', {
      type: 'password',
      placeholder: '密码 Password',
      value: password,
      onChange: (e) => setPassword(e.target.value),
      'aria-label': 'password',
    }),
    h('button', { type: 'submit', className: 'graphiql-button' }, '登录 Sign in'),
    error ? h('p', { className: 'hx-error', role: 'alert' }, error) : null,
  );
}

function SavedQueries() {
  const queryEditor = useGraphiQL((s) => s.queryEditor);
  const variableEditor = useGraphiQL((s) => s.variableEditor);
  const [me, setMe] = useState<Me | undefined>(undefined);
  const [list, setList] = useState<SavedQuery[]>([]);
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [message, setMessage] = useState('');

  const refresh = useCallback(async () => {
    const who = await api.me().catch(() => null);
    setMe(who);
    setList(who ? await api.list() : []);
  }, []);
  useEffect(() => void refresh(), [refresh]);

  if (me === undefined) return h('p', null, '…');
  if (!me) return h(SignIn, { onDone: () => void refresh() });

  const save = async (asNew: boolean) => {
    setMessage('');
    try {
      const saved = await api.save({
        ...(editing && !asNew ? { id: editing } : {}),
        name: name.trim() || '未命名查询',
        query: queryEditor?.getValue() ?? '',
        variables: variableEditor?.getValue() || null,
        shared,
      });
      setEditing(saved.id);
      setMessage(`已保存 Saved: ${saved.name}`);
      await refresh();
    } catch (e) {
      setMessage((e as Error).message);
    }
  };
  const open = (q: SavedQuery) => {
    queryEditor?.setValue(q.query);
    variableEditor?.setValue(q.variables ?? '');
    setName(q.name);
    setShared(q.shared);
    setEditing(q.mine ? q.id : null);
  };
  const copyLink = async (q: SavedQuery) => {
    const url = new URL(q.link, location.origin).toString();
    await navigator.clipboard?.writeText(url).catch(() => undefined);
    setMessage(`链接 Link: ${url}`);
  };
  const remove = async (q: SavedQuery) => {
    await api.remove(q.id);
    if (editing === q.id) setEditing(null);
    await refresh();
  };

  return h(
    'div',
    { className: 'hx-saved', 'data-testid': 'saved-queries' },
    h('p', { className: 'hx-me' }, `${me.name} (${me.role})`),
    h(
      'div',
      { className: 'hx-form' },
      h('input', { placeholder: '查询名称 Name', value: name, onChange: (e) => setName(e.target.value), 'aria-label': 'query name' }),
      h(
        'label',
        null,
        h('input', { type: 'checkbox', checked: shared, onChange: (e) => setShared(e.target.checked) }),
        ' 共享给范围内的用户 Share by link',
      ),
      h(
        'button',
        { type: 'button', className: 'graphiql-button', onClick: () => void save(false) },
        editing ? '保存修改 Save' : '保存 Save',
      ),
      editing ? h('button', { type: 'button', className: 'graphiql-button', onClick: () => void save(true) }, '另存为 Save as new') : null,
    ),
    message ? h('p', { className: 'hx-message', role: 'status' }, message) : null,
    h(
      'ul',
      { className: 'hx-list' },
      list.map((q) =>
        h(
          'li',
          { key: q.id, 'data-testid': 'saved-query' },
          h('button', { type: 'button', className: 'hx-open', onClick: () => open(q), title: q.query }, q.name),
          q.shared ? h('span', { className: 'hx-tag' }, '共享') : null,
          h('button', { type: 'button', className: 'graphiql-button', onClick: () => void copyLink(q) }, '链接'),
          h(
            'button',
            { type: 'button', className: 'graphiql-button', onClick: () => void remove(q), 'aria-label': `delete ${q.name}` },
            '删除',
          ),
        ),
      ),
    ),
    list.length ? null : h('p', null, '还没有保存的查询。No saved queries yet.'),
  );
}

function SavedIcon() {
  return h(
    'svg',
    { viewBox: '0 0 24 24', width: 20, height: 20, fill: 'none', stroke: 'currentColor', strokeWidth: 1.5, 'aria-hidden': true },
    h('path', { d: 'M6 3h12v18l-6-4-6 4z' }),
  );
}

export const savedQueriesPlugin: GraphiQLPlugin = { title: '保存的查询 Saved queries', icon: SavedIcon, content: SavedQueries };
