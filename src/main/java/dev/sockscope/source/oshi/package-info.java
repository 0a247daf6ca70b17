/**
 * The portable backend: the only package that imports {@code oshi.*}. Loaded only when used:
 * {@link dev.sockscope.source.oshi.OshiSocketSource} is instantiated by reflection, and OSHI is
 * initialised on its first read. {@link dev.sockscope.source.oshi.ConnectionMapper} is the pure
 * mapping from OSHI's values to the model; {@code OshiPlatform} records what OSHI really
 * provides on each platform.
 */
package dev.sockscope.source.oshi;
