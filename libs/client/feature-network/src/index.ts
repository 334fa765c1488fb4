export * from './lib/network.routes';
export { NetworkMapsComponent, svgToPng } from './lib/network-maps.component';
