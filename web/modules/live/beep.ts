let context: AudioContext | null = null;

/**
 * A short two-tone beep through Web Audio, so a notification is heard across the duty room.
 * Browsers keep audio silent until the page has been interacted with; then this does nothing.
 */
export function beep(): void {
  try {
    context ??= new AudioContext();
    const now = context.currentTime;
    const gain = context.createGain();
    gain.gain.setValueAtTime(0.0001, now);
    gain.gain.exponentialRampToValueAtTime(0.3, now + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, now + 0.5);
    gain.connect(context.destination);
    const oscillator = context.createOscillator();
    oscillator.type = "sine";
    oscillator.frequency.setValueAtTime(880, now);
    oscillator.frequency.setValueAtTime(660, now + 0.25);
    oscillator.connect(gain);
    oscillator.start(now);
    oscillator.stop(now + 0.5);
  } catch {
    // No audio on this device: the banner still shows.
  }
}
