import { describe, expect, it } from 'vitest';
import { isPlace, parseJobTitle } from '../src/parse-title.js';

describe('parseJobTitle', () => {
  it('splits "Job Title - Employer (City, Province)"', () => {
    expect(parseJobTitle('Police Constable Recruit - City of New Westminster (New Westminster, BC)')).toEqual({
      title: 'Police Constable Recruit',
      employer: 'City of New Westminster',
      location: 'New Westminster, BC',
    });
  });

  it('splits on the LAST " - " before the location, keeping inner dashes in the title', () => {
    expect(parseJobTitle('Engineer-in-Training - Co-op - City of Surrey (Surrey, BC)')).toEqual({
      title: 'Engineer-in-Training - Co-op',
      employer: 'City of Surrey',
      location: 'Surrey, BC',
    });
  });

  it('splits at a known employer whose own name contains " - "', () => {
    const raw = 'Deputy Corporate Officer - Regional District of Kootenay - Boundary (Trail, BC)';
    expect(parseJobTitle(raw)).toMatchObject({ title: 'Deputy Corporate Officer - Regional District of Kootenay' });
    expect(parseJobTitle(raw, 'Regional District of Kootenay - Boundary')).toEqual({
      title: 'Deputy Corporate Officer',
      employer: 'Regional District of Kootenay - Boundary',
      location: 'Trail, BC',
    });
  });

  it('ignores a known employer the title does not end with', () => {
    expect(parseJobTitle('Clerk - The Town of Gibsons (Gibsons, BC)', 'Town of Gibsons Hall')).toEqual({
      title: 'Clerk', employer: 'The Town of Gibsons', location: 'Gibsons, BC',
    });
  });

  it('keeps a parenthesis inside the title and only takes the trailing one as the place', () => {
    expect(parseJobTitle('Graduate Engineer (New Grad Program) - City of Saskatoon (Saskatoon, SK)')).toEqual({
      title: 'Graduate Engineer (New Grad Program)', employer: 'City of Saskatoon', location: 'Saskatoon, SK',
    });
    expect(parseJobTitle('Technicien(ne) en génie civil - Ville de Gatineau (Gatineau, Québec)')).toEqual({
      title: 'Technicien(ne) en génie civil', employer: 'Ville de Gatineau', location: 'Gatineau, Québec',
    });
  });

  it('does not mistake a non-place trailing parenthesis for a location', () => {
    expect(parseJobTitle('Clerk - Town of Gibsons (Part-Time)')).toEqual({
      title: 'Clerk', employer: 'Town of Gibsons (Part-Time)',
    });
    expect(parseJobTitle('Planner (Temporary)')).toEqual({ title: 'Planner (Temporary)' });
  });

  it('accepts remote/hybrid/province-only places', () => {
    expect(parseJobTitle('Web Developer - Union of BC Municipalities (Remote)')).toEqual({
      title: 'Web Developer', employer: 'Union of BC Municipalities', location: 'Remote',
    });
    expect(parseJobTitle('Analyst - Province Wide Agency (BC)').location).toBe('BC');
  });

  it('handles missing parts, stray whitespace and Word dashes', () => {
    expect(parseJobTitle('Utility Worker I - City of Kamloops')).toEqual({ title: 'Utility Worker I', employer: 'City of Kamloops' });
    expect(parseJobTitle('  Lifeguard\u00a0I \u2013  City of Richmond\n(Richmond,  BC) ')).toEqual({
      title: 'Lifeguard I', employer: 'City of Richmond', location: 'Richmond, BC',
    });
    expect(parseJobTitle('Arborist (Kelowna, BC)')).toEqual({ title: 'Arborist', location: 'Kelowna, BC' });
    expect(parseJobTitle(' - City of Nelson (Nelson, BC)')).toEqual({ title: 'City of Nelson', location: 'Nelson, BC' });
    expect(parseJobTitle('Clerk -  (Nelson, BC)')).toEqual({ title: 'Clerk', location: 'Nelson, BC' });
    expect(parseJobTitle('')).toEqual({ title: '' });
  });
});

describe('parseJobTitle with a bare (listing) title', () => {
  it('never splits at the title\'s own " - ", only at a known employer', () => {
    expect(parseJobTitle('Engineer-in-Training - Co-op', 'City of Surrey', { bare: true })).toEqual({ title: 'Engineer-in-Training - Co-op' });
    expect(parseJobTitle('Clerk - Town of Gibsons (Gibsons, BC)', 'Town of Gibsons', { bare: true })).toEqual({
      title: 'Clerk', employer: 'Town of Gibsons', location: 'Gibsons, BC',
    });
  });
});

describe('isPlace', () => {
  it('recognises places and rejects other parentheses', () => {
    expect(isPlace('Surrey, BC')).toBe(true);
    expect(isPlace('Markham, Ontario, Canada')).toBe(true);
    expect(isPlace('Hybrid - Ottawa, ON')).toBe(true);
    expect(isPlace('Various Locations')).toBe(true);
    expect(isPlace('Part-Time')).toBe(false);
    expect(isPlace('Temporary, 6 months')).toBe(false);
    expect(isPlace('')).toBe(false);
  });
});
