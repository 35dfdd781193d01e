import semver from 'semver';
import { SdkRangeError } from '../errors.js';
import { SDK_VERSION } from '../version.js';

/**
 * True when this SDK (or `sdkVersion`) satisfies the plugin's declared `sdk` range.
 *
 * @example
 * ```ts
 * isSdkCompatible({ sdk: '^1.0.0' }); // true on SDK 1.x
 * ```
 */
export function isSdkCompatible(def: { sdk: string }, sdkVersion: string = SDK_VERSION): boolean {
  return semver.validRange(def.sdk) !== null && semver.satisfies(sdkVersion, def.sdk, { includePrerelease: true });
}

/**
 * Throws {@link SdkRangeError} (`PF_ERR_PLUGIN_SDK_RANGE`), naming both versions, unless compatible.
 *
 * @example
 * ```ts
 * assertSdkCompatible(def); // 'Source "civicjobs" needs SDK ^2.0.0 but this is SDK 1.1.0'
 * ```
 */
export function assertSdkCompatible(def: { id?: string; sdk: string }, sdkVersion: string = SDK_VERSION): void {
  if (!isSdkCompatible(def, sdkVersion)) {
    throw new SdkRangeError(`Source "${def.id ?? '(no id)'}" needs SDK ${def.sdk} but this is SDK ${sdkVersion}`);
  }
}
