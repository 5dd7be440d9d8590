import { useI18n } from 'vue-i18n';

interface Named {
  name: string;
  nameEn?: string | null;
}
interface Unit {
  unit: string;
  unitEn?: string | null;
}

/** Chinese names by default; English names when the UI is in English. */
export function useLabels() {
  const { locale } = useI18n();
  const en = () => locale.value === 'en';
  return {
    regionName: (r: Named | null | undefined) => (r ? (en() && r.nameEn ? r.nameEn : r.name) : ''),
    indicatorName: (i: Named) => (en() && i.nameEn ? i.nameEn : i.name),
    categoryName: (c: Named) => (en() && c.nameEn ? c.nameEn : c.name),
    unit: (i: Unit) => (en() && i.unitEn ? i.unitEn : i.unit),
  };
}
