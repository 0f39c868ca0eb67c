export * from './demo-family';
export * from './family-routings';
export * from './family-orders';
export * from './family-stock';
export * from './plants';
export * from './substitute-sample';
export * from './calendars';
