export const capacityLabels: Record<string, string> = {
  open: 'Taking new work',
  limited: 'Limited capacity',
  closed: 'Not taking new work',
};
