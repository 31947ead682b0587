import { z } from 'zod';

/** Client-side checks for a fast answer; the API stays the judge (its field errors land on the same fields). */
export const emailSchema = z.string().trim().min(1, 'Enter your email address').pipe(z.email('Enter a valid email address'));
export const newPasswordSchema = z.string().min(10, 'Use at least 10 characters').max(128, 'Use at most 128 characters');
export const nameSchema = z.string().trim().min(1, 'Enter your name').max(100, 'Use at most 100 characters');
