// Words and times as the dashboard shows them.
export const STATES = ['proposed', 'final', 'disputed', 'unverifiable', 'superseded'];
export const CATEGORIES = ['shelling', 'small_arms_fire', 'airstrike', 'drone_strike', 'ied', 'ground_assault', 'heavy_weapon_present', 'patrol_obstructed', 'civilian_harm', 'flight', 'movement', 'other'];
export const CORROBORATION = ['single_source', 'corroborated', 'confirmed_technical', 'jointly_verified'];

export const words = (s) => String(s || '').replace(/_/g, ' ');

// A time in the mission's zone with its offset, as the reports give them.
export function localTime(iso, timeZone) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  try {
    const parts = new Intl.DateTimeFormat('en-GB', {
      timeZone, year: 'numeric', month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit', timeZoneName: 'shortOffset',
    }).format(d);
    return parts;
  } catch {
    return d.toISOString();
  }
}

export const percent = (p) => `${Math.round(Number(p) * 100)}%`;
