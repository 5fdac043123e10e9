export * from './ids';
export * from './search-attributes';
export * from './campaign.contract';
export * from './department.contract';
export * from './activities.contract';
export * from './rectification.contract';
export * from './turn-of-year.contract';
export * from './annual-report.contract';
