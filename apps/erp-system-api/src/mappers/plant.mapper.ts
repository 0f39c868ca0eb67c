import { PlantDto } from '@threadline/canonical';
import { SapPlant } from '../connector/s4hana-native';

export const plantMapper = {
  toCanonical(native: SapPlant): PlantDto {
    return { code: native.Plant, name: native.PlantName, timeZone: native.TimeZone };
  },
};
