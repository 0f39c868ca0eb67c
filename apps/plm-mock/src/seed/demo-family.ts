/**
 * The larger product family (series-2000 pumps, booster skids, shared standard parts, six BOM
 * levels) is generated in @threadline/demo-world, so that ERP and the schedulers seed the very same
 * parts and structures; PLM holds it as released parts at revision A with their usage links.
 */
export { buildDemoFamily, DemoFamily, FAMILY_MARKER } from '@threadline/demo-world';
