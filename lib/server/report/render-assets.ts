/**
 * The files the PNG renderer reads from node_modules at run time: resvg compiled to
 * WebAssembly and the fonts the SVG names. Read as files (the bundler would turn a resolved
 * import into a module), so next.config.ts names them for the standalone output's tracing.
 */
export const RENDER_ASSETS = [
  '@resvg/resvg-wasm/index_bg.wasm',
  '@expo-google-fonts/arimo/400Regular/Arimo_400Regular.ttf',
  '@expo-google-fonts/arimo/700Bold/Arimo_700Bold.ttf',
  '@expo-google-fonts/jetbrains-mono/400Regular/JetBrainsMono_400Regular.ttf',
];
