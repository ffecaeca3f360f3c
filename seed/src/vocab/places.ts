/** The fictional authority: Ashmere, four districts, six wards and one school cluster in each. */
export const AUTHORITY = 'Ashmere';

export interface DistrictTemplate {
  name: string;
  wards: string[];
}

export const districtTemplates: DistrictTemplate[] = [
  { name: 'North', wards: ['Brookfield', 'Oakley', 'Northgate', 'Millbank', 'Harrow Hill', 'Ferncliffe'] },
  { name: 'South', wards: ['Harbourside', "St Anne's", 'Southfields', 'Saltmarsh', 'Quayside', 'Lowmoor'] },
  { name: 'East', wards: ['Eastbrook', 'Kingsmead', 'Ashby Common', 'Thornbury', 'Eastfield', 'Marston Vale'] },
  { name: 'West', wards: ['Westbury', 'Hollins Park', 'Westfield', 'Copper Beech', 'Redgate', 'Wyndham'] },
];
