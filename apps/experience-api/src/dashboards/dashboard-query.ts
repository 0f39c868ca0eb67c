import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { FIELD_LIMITS } from '@threadline/canonical';
import { QUERY_INVALID } from './dashboards.errors';

/** Plant codes as ERP and the schedulers name them (P1, P2, ...). */
export const PLANT_PATTERN = /^[A-Z0-9_-]{1,8}$/;
export const CHANGE_NUMBER_PATTERN = /^[A-Z0-9-]{1,40}$/;

/** An optional plant filter; a malformed one answers 400 DASHBOARD_QUERY_INVALID. */
export function PlantFilter(description = 'Only this plant'): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ description, example: 'P2', maxLength: FIELD_LIMITS.plantCode, pattern: PLANT_PATTERN.source }),
    IsOptional(QUERY_INVALID),
    IsString(QUERY_INVALID),
    MaxLength(FIELD_LIMITS.plantCode, QUERY_INVALID),
    Matches(PLANT_PATTERN, QUERY_INVALID),
  );
}

/** Seconds between two instants, or null when either is unknown or they run backwards. */
export function secondsBetween(from: Date | string | null | undefined, to: Date | string | null | undefined): number | null {
  if (!from || !to) return null;
  const s = (new Date(to).getTime() - new Date(from).getTime()) / 1000;
  return Number.isFinite(s) ? Math.max(s, 0) : null;
}

export const iso = (d: Date | string | null | undefined): string | null => (d ? new Date(d).toISOString() : null);

export const CURSOR_EXAMPLE = 'eyJ0IjoiMjAyNi0xMS0yNlQxMDowMDowMC4wMDBaIiwiaWQiOiI0MiJ9';
