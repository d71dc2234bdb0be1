import common from './common.json';
import glossary from './glossary.json';
import advice from './advice.json';
import boards from './boards.json';
import monitoring from './monitoring.json';
import notifications from './notifications.json';
import organisations from './organisations.json';
import people from './people.json';
import questionnaires from './questionnaires.json';
import sessions from './sessions.json';
import signals from './signals.json';

/** Every text of the interface in Dutch: one file per domain (top-level keys must not collide). */
export default {
  ...common,
  ...glossary,
  ...advice,
  ...boards,
  ...monitoring,
  ...notifications,
  ...organisations,
  ...people,
  ...questionnaires,
  ...sessions,
  ...signals,
};
