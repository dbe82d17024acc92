import type { AuthReason, HmacAlgorithm, HmacAuthConfig, SignatureEncoding } from '../../contract/auth';
import type { HmacAttempt } from './check-types';
import { DIGEST_BYTES, HMAC_ALGORITHMS, bytesEqual, computeHmac, decodeSignature, isBase64Text, secretKeyBytes } from './hmac';

export interface SignatureDiagnosis {
  reason: AuthReason;
  message: string;
  fix: string;
  /** The signed bytes that matched under the other setting, when one did. */
  attempt: HmacAttempt | null;
}

/** One reading of the received signature text. */
interface Reading {
  digest: Buffer;
  prefixWrong: boolean;
  encoding: SignatureEncoding;
}

/** A leading label such as `sha256=` or `v1,` that is not part of a hex or base64 signature. */
const LABEL = /^[A-Za-z][\w.-]*[=,](?=.)/;

/**
 * Explains why a signature that did not match failed, by trying one setting at a time the other
 * way: prefix, encoding, algorithm, and whether the secret is base64. This runs only after the
 * check failed, so its extra HMACs never decide validity.
 */
export function diagnoseSignature(config: HmacAuthConfig, signature: string, attempts: HmacAttempt[], key: Buffer): SignatureDiagnosis {
  const readings = readingsOf(config, signature);

  for (const reading of readings) {
    for (const attempt of attempts) {
      const cause = matchingCause(config, reading, attempt, key);

      if (cause !== null) {
        return { ...cause, attempt };
      }
    }
  }

  const prefixMissing = config.signaturePrefix !== '' && !signature.startsWith(config.signaturePrefix);
  const configured = readings.filter((reading) => reading.encoding === config.signatureEncoding);

  if (prefixMissing) {
    return { ...wrongPrefix(config, signature), attempt: null };
  }

  if (configured.length === 0) {
    return {
      reason: 'wrong_encoding',
      message: `The ${config.signatureHeader} value is not valid ${config.signatureEncoding}${config.signaturePrefix === '' ? '' : ` after the prefix ${config.signaturePrefix}`}.`,
      fix: `Set the signature encoding to the one the credential in Vapi uses (hex or base64); it is ${config.signatureEncoding} here.`,
      attempt: null,
    };
  }

  const length = (configured[0] as Reading).digest.length;
  const sized = HMAC_ALGORITHMS.find((algorithm) => DIGEST_BYTES[algorithm] === length);

  if (length !== DIGEST_BYTES[config.algorithm] && sized !== undefined) {
    return {
      reason: 'wrong_algorithm',
      message: `The signature has ${length} bytes, the size of an HMAC-${sized.toUpperCase()}, but ${config.algorithm} is configured (${DIGEST_BYTES[config.algorithm]} bytes).`,
      fix: `Set the algorithm to the one the credential in Vapi uses; it is probably ${sized}.`,
      attempt: null,
    };
  }

  return {
    reason: 'mismatch',
    message: 'The signature does not match the HMAC of the received bytes under the configured secret.',
    fix: 'Check that the secret equals the secretKey of the HMAC credential in Vapi, that the payload format matches, and that nothing between Vapi and Switchboard re-serialises the body.',
    attempt: null,
  };
}

function readingsOf(config: HmacAuthConfig, signature: string): Reading[] {
  const texts: { text: string; prefixWrong: boolean }[] = [];

  if (signature.startsWith(config.signaturePrefix)) {
    texts.push({ text: signature.slice(config.signaturePrefix.length), prefixWrong: false });
  }

  const stripped = signature.replace(LABEL, '');

  if (stripped !== signature || !signature.startsWith(config.signaturePrefix)) {
    texts.push({ text: stripped, prefixWrong: true });
  }

  const readings: Reading[] = [];
  const other: SignatureEncoding = config.signatureEncoding === 'hex' ? 'base64' : 'hex';

  for (const { text, prefixWrong } of texts) {
    for (const encoding of [config.signatureEncoding, other]) {
      const digest = decodeSignature(text, encoding);

      if (digest !== null) {
        readings.push({ digest, prefixWrong, encoding });
      }
    }
  }

  return readings;
}

/** Finds the one setting that, changed, makes `reading` match; null when none does. */
function matchingCause(config: HmacAuthConfig, reading: Reading, attempt: HmacAttempt, key: Buffer): Omit<SignatureDiagnosis, 'attempt'> | null {
  if (bytesEqual(reading.digest, attempt.digest)) {
    if (reading.prefixWrong) {
      return wrongPrefix(config, '');
    }

    return {
      reason: 'wrong_encoding',
      message: `The signature matches, but it is ${reading.encoding} and ${config.signatureEncoding} is configured.`,
      fix: `Set the signature encoding to ${reading.encoding}.`,
    };
  }

  for (const algorithm of HMAC_ALGORITHMS.filter((candidate) => candidate !== config.algorithm)) {
    if (reading.digest.length === DIGEST_BYTES[algorithm] && bytesEqual(reading.digest, computeHmac(algorithm, key, attempt.bytes))) {
      return wrongAlgorithm(config, algorithm);
    }
  }

  const flipped = flippedKey(config);

  if (flipped !== null && bytesEqual(reading.digest, computeHmac(config.algorithm, flipped, attempt.bytes))) {
    return {
      reason: 'wrong_secret_format',
      message: `The signature matches when the secret is ${config.secretIsBase64 ? 'used as plain text' : 'decoded from base64'}.`,
      fix: `Turn secretIsBase64 ${config.secretIsBase64 ? 'off' : 'on'}.`,
    };
  }

  return null;
}

function wrongAlgorithm(config: HmacAuthConfig, algorithm: HmacAlgorithm): Omit<SignatureDiagnosis, 'attempt'> {
  return {
    reason: 'wrong_algorithm',
    message: `The signature matches HMAC-${algorithm.toUpperCase()}, but ${config.algorithm} is configured.`,
    fix: `Set the algorithm to ${algorithm}.`,
  };
}

function wrongPrefix(config: HmacAuthConfig, signature: string): Omit<SignatureDiagnosis, 'attempt'> {
  const label = LABEL.exec(signature)?.[0];
  const arrived = label === undefined ? 'no prefix' : `the prefix ${label}`;

  return {
    reason: 'wrong_prefix',
    message:
      config.signaturePrefix === ''
        ? `The signature has a prefix, but none is configured.`
        : `The signature should start with ${config.signaturePrefix}${signature === '' ? '' : ` but has ${arrived}`}.`,
    fix: 'Set the signature prefix to the one the credential in Vapi uses (signaturePrefix), or clear it.',
  };
}

/** Builds the key under the other reading of `secretIsBase64`; null when the secret is not base64 text. */
function flippedKey(config: HmacAuthConfig): Buffer | null {
  if (config.secretIsBase64) {
    return secretKeyBytes(config.secretKey, false);
  }

  return isBase64Text(config.secretKey) ? secretKeyBytes(config.secretKey, true) : null;
}
