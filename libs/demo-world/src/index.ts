// The demo world's product family, defined once and seeded by each simulated backend in its own dialect.
export {};
