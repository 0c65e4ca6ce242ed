-- H2 has no JSON path function: reports read a custom prop through this Java function.
CREATE ALIAS FOOTFALL_PROP DETERMINISTIC FOR 'dev.footfall.jdbc.internal.H2Functions.prop';
