import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { EditorContent, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';

interface Props {
  fragment: Y.XmlFragment;
  provider: WebsocketProvider;
  user: { id: string; name: string; color: string };
  sectionTitle: string;
  editable: boolean;
}

/** A section's rich text: tiptap bound to the section's Y.XmlFragment, with everyone's carets. */
export function SectionEditor({ fragment, provider, user, sectionTitle, editable }: Props) {
  const { t } = useTranslation();
  const label = t('boards.textLabel', { section: sectionTitle });
  const editor = useEditor(
    {
      // Never render on the server: the document only exists in the browser.
      immediatelyRender: false,
      editable,
      extensions: [
        // Yjs keeps the history (per user) itself; tiptap's own would fight it.
        StarterKit.configure({ undoRedo: false, heading: { levels: [2, 3] } }),
        Collaboration.configure({ fragment }),
        CollaborationCaret.configure({ provider, user }),
      ],
      editorProps: {
        attributes: {
          'aria-label': label,
          'aria-multiline': 'true',
          role: 'textbox',
          class: 'section-editor',
        },
      },
    },
    [fragment, provider, label],
  );

  useEffect(() => {
    if (editor && editor.isEditable !== editable) editor.setEditable(editable);
  }, [editor, editable]);

  if (!editor) return <div className="section-editor placeholder" aria-hidden="true" />;
  return (
    <div className="section-text">
      {editable ? (
        <div className="editor-toolbar" role="toolbar" aria-label={t('boards.toolbar', { section: sectionTitle })}>
          <button
            type="button"
            aria-pressed={editor.isActive('bold')}
            onClick={() => editor.chain().focus().toggleBold().run()}
          >
            {t('boards.bold')}
          </button>
          <button
            type="button"
            aria-pressed={editor.isActive('italic')}
            onClick={() => editor.chain().focus().toggleItalic().run()}
          >
            {t('boards.italic')}
          </button>
          <button
            type="button"
            aria-pressed={editor.isActive('bulletList')}
            onClick={() => editor.chain().focus().toggleBulletList().run()}
          >
            {t('boards.bulletList')}
          </button>
        </div>
      ) : null}
      <EditorContent editor={editor} />
    </div>
  );
}
