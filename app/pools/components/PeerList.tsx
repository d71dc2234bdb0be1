import { useTranslation } from 'react-i18next';

interface Peer {
  user_id: string;
  display_name: string;
  role: string;
  has_photo: boolean;
  languages: string[];
  themes: string[];
}

/** Co-members as each allowed: name, photo, languages and themes (the view leaves out the rest). */
export function PeerList({ peers, indicatorNames }: { peers: Peer[]; indicatorNames: ReadonlyMap<string, string> }) {
  const { t } = useTranslation();
  return (
    <ul className="peer-list">
      {peers.map((peer) => (
        <li key={peer.user_id} className="peer">
          {peer.has_photo ? (
            <img src={`/people/${peer.user_id}/photo`} alt="" width={48} height={48} className="peer-photo" />
          ) : (
            <span className="peer-initial" aria-hidden="true">
              {peer.display_name.slice(0, 1)}
            </span>
          )}
          <div>
            <strong dir="auto">{peer.display_name}</strong> <span className="meta">({t(`roles.${peer.role}`)})</span>
            {peer.languages.length > 0 ? (
              <p className="meta">
                {t('people.peers.languages')}:{' '}
                {peer.languages.map((code) => t(`people.languageNames.${code}`, { defaultValue: code })).join(', ')}
              </p>
            ) : null}
            {peer.themes.length > 0 ? (
              <p className="meta">
                {t('people.peers.themes')}: {peer.themes.map((code) => indicatorNames.get(code) ?? code).join(', ')}
              </p>
            ) : null}
          </div>
        </li>
      ))}
    </ul>
  );
}
